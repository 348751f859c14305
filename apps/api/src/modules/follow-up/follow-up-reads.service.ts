import { Inject, Injectable } from '@nestjs/common';
import { clinicDateAt, courseRelief, type CourseRelief, type LaterCourse } from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import { followUpSettingsOf } from '../boosters/follow-up-settings';
import type {
  BladderReviewQueueDto,
  CourseReliefDto,
  FollowUpDto,
  PatientFollowUpsDto,
  TimelineCourseDto,
} from './dto/follow-up.dto';
import { followUpErrors } from './follow-up.errors';
import { FollowUpRecordsRepository } from './follow-up-records.repository';
import { toFollowUpDto } from './follow-up.mapper';
import { FollowUpRepository } from './follow-up.repository';
import { PatientLinksRepository } from './patient-links.repository';
import { TimelineRepository } from './timeline.repository';

/** Appointments that happened or may still happen: a cancelled or missed one started nothing. */
const LIVE = ['BOOKED', 'COMPLETED'];

/** A clinician reviews these one by one: a page longer than this is a backlog to clear first. */
const BLADDER_REVIEW_PAGE = 200;

/** One follow-up with its records, and a patient's whole follow-up timeline across courses; audited reads. */
@Injectable()
export class FollowUpReadsService {
  constructor(
    private readonly followUps: FollowUpRepository,
    private readonly records: FollowUpRecordsRepository,
    private readonly links: PatientLinksRepository,
    private readonly timeline: TimelineRepository,
    private readonly audit: AuditRepository,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  async get(actor: Actor, meta: RequestMeta, id: string): Promise<FollowUpDto> {
    return this.transactions.withTransaction(async () => {
      const row = await this.followUps.find(actor.clinicId, id);
      if (!row) throw followUpErrors.notFound();
      const view = await this.view(actor.clinicId, id);
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'READ',
          entity: 'FollowUp',
          entityId: id,
          patientId: row.patientId,
          fields: ['window', 'status', 'records', 'links'],
        }),
      );
      return view;
    });
  }

  /**
   * Every record of the clinic with a yes bladder answer still awaiting a clinician, oldest first:
   * until reviewed, each holds that patient's next booster. Audited as a search of each patient.
   */
  async bladderReviews(actor: Actor, meta: RequestMeta): Promise<BladderReviewQueueDto> {
    return this.transactions.withTransaction(async () => {
      const rows = await this.records.awaitingBladderReview(actor.clinicId, BLADDER_REVIEW_PAGE + 1);
      const listed = rows.slice(0, BLADDER_REVIEW_PAGE);
      await this.audit.recordMany(
        [...new Set(listed.map((r) => r.patientId))].map((patientId) =>
          auditEntry(actor, meta, {
            action: 'SEARCH',
            entity: 'FollowUpRecord',
            patientId,
            fields: ['bladderReviewQueue', 'bladderPositive', 'recordedAt'],
          }),
        ),
      );
      return {
        more: rows.length > BLADDER_REVIEW_PAGE,
        items: listed.map((r) => ({
          recordId: r.recordId,
          followUpId: r.followUpId,
          courseId: r.courseId,
          protocolName: r.protocolName,
          offsetDays: r.offsetDays,
          recordedAt: r.recordedAt.toISOString(),
          channel: r.channel,
          positive: r.positive,
          patient: { id: r.patientId, mrn: r.mrn, givenName: r.givenName, familyName: r.familyName },
        })),
      };
    });
  }

  /** The follow-up as it stands now (no audit: the caller's use case writes its own). */
  async view(clinicId: string, id: string): Promise<FollowUpDto> {
    const row = await this.followUps.find(clinicId, id);
    if (!row) throw followUpErrors.notFound();
    const clinic = await this.followUps.clinic(clinicId);
    const records = await this.records.ofFollowUps([id]);
    const homeDoses = await this.records.homeDosesOfRecords(records.map((r) => r.id));
    const links = await this.links.ofFollowUps([id]);
    return toFollowUpDto(row, clinic.timezone, records, homeDoses, links, Date.now());
  }

  /**
   * Every course of the patient (protocol, kind, baseline, sessions with pain before and after),
   * its follow-ups with their records and scores, how long its relief lasted, and every home dose.
   */
  async patientFollowUps(actor: Actor, meta: RequestMeta, patientId: string): Promise<PatientFollowUpsDto> {
    return this.transactions.withTransaction(async () => {
      if (!(await this.timeline.patientExists(actor.clinicId, patientId))) throw followUpErrors.patientNotFound();
      const now = Date.now();
      const clinic = await this.followUps.clinic(actor.clinicId);
      const zone = clinic.timezone;
      const { relief: reliefSettings } = followUpSettingsOf(clinic.followUpSettings);
      const courses = await this.timeline.courses(actor.clinicId, patientId);
      const appointments = await this.timeline.appointments(courses.map((c) => c.id));
      const sessions = new Map(
        (await this.timeline.sessions(appointments.map((a) => a.id))).map((s) => [s.appointmentId, s]),
      );
      const followUps = await this.followUps.ofPatient(actor.clinicId, patientId);
      const records = await this.records.ofFollowUps(followUps.map((f) => f.id));
      const homeDoses = await this.records.homeDosesOfPatient(actor.clinicId, patientId);
      const links = await this.links.ofFollowUps(followUps.map((f) => f.id));

      const dateOf = (at: Date) => clinicDateAt(at.getTime(), zone);
      const firstLiveStart = (courseId: string) =>
        appointments.find((a) => a.courseId === courseId && LIVE.includes(a.status))?.startsAt;
      const later = (courseId: string): LaterCourse[] =>
        courses.flatMap((c) => {
          const start = c.id === courseId || c.status === 'CANCELLED' ? undefined : firstLiveStart(c.id);
          return start
            ? [{ id: c.id, kind: c.boosterOfCourseId ? 'BOOSTER' : 'COURSE', startsAtMs: start.getTime() }]
            : [];
        });

      const items: TimelineCourseDto[] = courses.map((course) => {
        const own = appointments.filter((a) => a.courseId === course.id);
        const completed = own.filter((a) => a.status === 'COMPLETED').at(-1);
        // As the schedule counts it: the day the last completed session ended.
        const lastSessionOn = completed ? dateOf(sessions.get(completed.id)?.stoppedAt ?? completed.endsAt) : null;
        const first = firstLiveStart(course.id);
        const courseFollowUps = followUps
          .filter((f) => f.courseId === course.id)
          .map((f) => toFollowUpDto(f, zone, records, homeDoses, links, now));
        const relief =
          course.status === 'COMPLETED' && lastSessionOn
            ? courseRelief(
                { id: course.id, lastSessionOn, baselinePainNrs: course.baselinePainNrs, timeZone: zone },
                followUps
                  .filter((f) => f.courseId === course.id)
                  .map((f) => ({
                    id: f.id,
                    offsetDays: f.offsetDays,
                    closesAtMs: f.closesAt.getTime(),
                    records: records
                      .filter((r) => r.followUpId === f.id)
                      .map((r) => ({
                        id: r.id,
                        recordedAtMs: r.recordedAt.getTime(),
                        painNrs7DayAverage: r.painNrs7DayAverage,
                        painNrsNow: r.painNrsNow,
                      })),
                  })),
                later(course.id),
                reliefSettings,
                now,
              )
            : null;
        return {
          id: course.id,
          protocol: course.protocol,
          kind: course.boosterOfCourseId ? 'BOOSTER' : 'INITIAL',
          boosterOfCourseId: course.boosterOfCourseId,
          status: course.status,
          baselinePainNrs: course.baselinePainNrs,
          baselinePainInterference: course.baselinePainInterference,
          firstSessionOn: first ? dateOf(first) : null,
          lastSessionOn,
          completedAt: course.completedAt?.toISOString() ?? null,
          sessions: own.map((a) => {
            const session = sessions.get(a.id);
            return {
              appointmentId: a.id,
              sessionId: session?.id ?? null,
              sessionNumber: a.sessionNumber,
              on: dateOf(a.startsAt),
              startsAt: a.startsAt.toISOString(),
              status: a.status,
              painBefore: session?.painBefore ?? null,
              painAfter: session?.painAfter ?? null,
            };
          }),
          followUps: courseFollowUps,
          relief: relief ? toReliefDto(relief) : null,
        };
      });
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'READ',
          entity: 'FollowUp',
          patientId,
          fields: ['timeline', 'courses', 'sessions', 'followUps', 'records', 'relief', 'homeDoses'],
        }),
      );
      return {
        patientId,
        timeZone: zone,
        asOf: new Date(now).toISOString(),
        courses: items,
        homeDoses: homeDoses.map((d) => ({
          id: d.id,
          route: d.route,
          mg: d.mg,
          takenAt: d.takenAt.toISOString(),
          courseId: d.courseId,
          followUpRecordId: d.followUpRecordId,
        })),
      };
    });
  }
}

function toReliefDto(relief: CourseRelief): CourseReliefDto {
  return {
    line: relief.line,
    measurements: relief.measurements.map((m) => ({
      followUpId: m.followUpId,
      recordId: m.recordId,
      offsetDays: m.offsetDays,
      recordedOn: m.recordedOn,
      day: m.day,
      sevenDayAverage: m.sevenDayAverage,
      painNow: m.painNow,
      reliefHeld: m.reliefHeld,
      counted: m.counted,
    })),
    responder: relief.responder,
    outcome: {
      code: relief.outcome.code,
      day: relief.outcome.day,
      on: relief.outcome.on,
      followUpIds: relief.outcome.followUpIds,
      recordIds: relief.outcome.recordIds,
      laterCourseId: relief.outcome.laterCourseId ?? null,
    },
    reasons: relief.reasons.map(({ code, ruleId, message }) => ({ code, ruleId, message })),
  };
}
