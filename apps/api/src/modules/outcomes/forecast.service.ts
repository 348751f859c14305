import { Inject, Injectable } from '@nestjs/common';
import {
  DEFAULT_OUTCOME_SETTINGS,
  clinicDateAt,
  groupDisclosure,
  kaplanMeier,
  reliefForecast,
  type ReliefForecast,
  type SurvivalCurve,
} from '@cadence/domain';
import { DateTime } from 'luxon';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import { followUpSettingsOf } from '../boosters/follow-up-settings';
import type { ReliefForecastDto } from './dto/forecast.dto';
import { outcomesErrors } from './outcomes.errors';
import { OutcomesRepository, type CourseOutcomeRow, type OutcomeCriteria } from './outcomes.repository';

/** A forecast that names the course it is for. */
export interface CourseForecast {
  course: CourseOutcomeRow;
  forecast: ReliefForecast;
}

/** Relief outcomes from which a forecast is made: relief held at the last contact. */
const HELD = ['STILL_RESPONDING', 'LOST_TO_FOLLOW_UP'];

/**
 * The forecast of when relief ends (libs/domain reliefForecast) for a patient's last completed
 * course, from the clinic's curve for the same protocol and pain mechanism; and the courses under
 * a response-triggered booster policy whose relief is forecast to end within the clinic's booster
 * notice, for the booster queue to offer a booster before then.
 */
@Injectable()
export class ForecastService {
  constructor(
    private readonly outcomes: OutcomesRepository,
    private readonly audit: AuditRepository,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  private async criteria(clinicId: string, now: Date): Promise<OutcomeCriteria & { noticeDays: number }> {
    const clinic = await this.outcomes.clinic(clinicId);
    return {
      clinicId,
      protocols: clinic.protocols,
      timeZone: clinic.timezone,
      now,
      filters: {},
      relief: followUpSettingsOf(clinic.followUpSettings).relief,
      noticeDays: clinic.boosterNoticeDays,
    };
  }

  /** The curve of the clinic's courses under this protocol for this pain mechanism (the protocol alone when unknown). */
  private async curveFor(c: OutcomeCriteria, course: CourseOutcomeRow): Promise<SurvivalCurve> {
    return (await this.curves(c, [course.protocolKey]))(course);
  }

  /**
   * Every curve a forecast of a course under these protocols may need, from one statement: per
   * protocol and pain mechanism, the protocol's whole curve (all mechanisms' counts added) for a
   * course whose pain mechanism is unknown.
   */
  private async curves(
    c: OutcomeCriteria,
    protocolKeys: readonly string[],
  ): Promise<(course: CourseOutcomeRow) => SurvivalCurve> {
    const rows = await this.outcomes.reliefRowsByProtocolAndMechanism({
      ...c,
      patientId: undefined,
      filters: { protocolKey: [...protocolKeys] },
    });
    const observed = rows
      .filter((r) => r.day !== null)
      .map((r) => ({ group: r.grp, observation: { time: r.day!, reliefLost: r.event, count: r.courses } }));
    const made = new Map<string, SurvivalCurve>();
    return (course) => {
      const key = course.painMechanism ? `${course.protocolKey}|${course.painMechanism}` : course.protocolKey;
      let curve = made.get(key);
      if (!curve) {
        const own = course.painMechanism
          ? observed.filter((o) => o.group === key)
          : observed.filter((o) => o.group.startsWith(`${course.protocolKey}|`));
        curve = kaplanMeier(own.map((o) => o.observation));
        made.set(key, curve);
      }
      return curve;
    };
  }

  async forPatient(actor: Actor, meta: RequestMeta, patientId: string): Promise<ReliefForecastDto> {
    return this.transactions.withTransaction(async () => {
      await this.outcomes.forAggregates();
      if (!(await this.outcomes.patientExists(actor.clinicId, patientId))) throw outcomesErrors.patientNotFound();
      const c = await this.criteria(actor.clinicId, new Date());
      const [course] = await this.outcomes.lastCourseOutcomes({ ...c, patientId }, false);
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'READ',
          entity: 'ReliefForecast',
          entityId: course?.courseId ?? null,
          patientId,
          fields: ['relief', 'forecast', 'protocolCurve'],
        }),
      );
      const empty: ReliefForecastDto = {
        patientId,
        code: 'NO_COURSE',
        courseId: null,
        protocolKey: null,
        protocolName: null,
        painMechanism: null,
        lastSessionOn: null,
        reliefOutcome: null,
        heldToDay: null,
        curveAtDay: null,
        patientsBehind: null,
        medianFurtherDays: null,
        expectedLossOn: null,
        expectedLossLower: null,
        expectedLossUpper: null,
        conditional: [],
        curve: null,
        reasons: [
          {
            code: 'NO_COURSE',
            ruleId: 'outcomes.forecast',
            message: 'The patient has no completed course with follow-ups',
          },
        ],
      };
      if (!course) return empty;
      const curve = await this.curveFor(c, course);
      const disclosure = groupDisclosure(curve.subjects, DEFAULT_OUTCOME_SETTINGS);
      const about = {
        ...empty,
        courseId: course.courseId,
        protocolKey: course.protocolKey,
        protocolName: course.protocolName,
        painMechanism: course.painMechanism,
        lastSessionOn: course.lastSessionOn,
        reliefOutcome: course.code,
        heldToDay: course.lastDay,
        curve: {
          group: `${course.protocolKey} · ${course.painMechanism ?? 'any pain mechanism'}`,
          disclosure,
          subjects: disclosure.shown ? curve.subjects : null,
          steps: disclosure.shown ? curve.steps.map(({ logStandardError: _l, ...s }) => s) : [],
        },
      };
      if (!HELD.includes(course.code) || course.lastDay === null)
        return {
          ...about,
          code: 'NOT_RESPONDING',
          reasons: [
            {
              code: 'NOT_RESPONDING',
              ruleId: 'outcomes.forecast',
              message:
                course.code === 'RELIEF_LOST'
                  ? `Relief was already lost, on day ${course.lastDay ?? '?'}: there is nothing to forecast`
                  : `No forecast: the course's relief outcome is ${course.code.toLowerCase().replace(/_/g, ' ')}`,
            },
          ],
        };
      const f = reliefForecast(curve, course.lastSessionOn, course.lastDay, DEFAULT_OUTCOME_SETTINGS);
      return {
        ...about,
        code: f.code,
        curveAtDay: f.curveAtDay,
        patientsBehind: f.patientsBehind,
        medianFurtherDays: f.medianFurtherDays,
        expectedLossOn: f.expectedLossOn,
        expectedLossLower: f.expectedLossInterval?.lower ?? null,
        expectedLossUpper: f.expectedLossInterval?.upper ?? null,
        conditional: f.conditional,
        reasons: f.reasons,
      };
    });
  }

  /**
   * Courses under a response-triggered booster policy, still responding at the last contact, with
   * no booster task yet, whose relief is forecast to end within the clinic's booster notice days
   * (or already past the expected date): the booster queue offers them before that date. One
   * curve per protocol and pain mechanism; groups too small for a forecast offer nothing.
   */
  async boostersDueByForecast(clinicId: string, now = new Date()): Promise<CourseForecast[]> {
    const c = await this.criteria(clinicId, now);
    const horizon = DateTime.fromISO(clinicDateAt(now.getTime(), c.timeZone), { zone: 'utc' })
      .plus({ days: c.noticeDays })
      .toISODate()!;
    const courses = (await this.outcomes.lastCourseOutcomes(c, true)).filter((course) => course.lastDay !== null);
    if (courses.length === 0) return [];
    const curveOf = await this.curves(c, [...new Set(courses.map((course) => course.protocolKey))]);
    const due: CourseForecast[] = [];
    for (const course of courses) {
      const forecast = reliefForecast(curveOf(course), course.lastSessionOn, course.lastDay!, DEFAULT_OUTCOME_SETTINGS);
      if (forecast.code === 'FORECAST' && forecast.expectedLossOn! <= horizon) due.push({ course, forecast });
    }
    return due.sort((a, b) => (a.forecast.expectedLossOn! < b.forecast.expectedLossOn! ? -1 : 1));
  }
}
