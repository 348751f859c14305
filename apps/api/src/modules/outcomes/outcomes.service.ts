import { Inject, Injectable } from '@nestjs/common';
import {
  DEFAULT_OUTCOME_SETTINGS,
  DEFAULT_RESPONDER_SETTINGS,
  RELIEF_MILESTONES,
  groupDisclosure,
  kaplanMeier,
  logRank,
  medianSurvival,
  numbersAtRisk,
  patientsObserved,
  survivalAt,
  survivalQuantile,
  wilsonInterval,
  type ReliefObservation,
  type SurvivalCurve,
} from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import { followUpSettingsOf } from '../boosters/follow-up-settings';
import type { GroupBy, OutcomesFilterDto } from './dto/outcomes-query.dto';
import type {
  AdverseEventsDto,
  BoostersDto,
  CompletionDto,
  ComparisonDto,
  LogRankDto,
  MedianGroupDto,
  MediansDto,
  ReliefCurvesDto,
  ReliefGroupDto,
  RespondersDto,
  ScoresDto,
  SelectionDto,
} from './dto/outcomes.dto';
import { OutcomesRepository, type OutcomeCriteria, type ReliefRow } from './outcomes.repository';

/** The days the at-risk table under a curve and the "still with relief" figures are read at. */
export const AT_RISK_DAYS = [0, 7, 14, 28, 56, 84, 112, 168];
const RELIEF_AT_DAYS = [14, 28, 84, 168];

export type OutcomeFigure =
  | 'relief-curves'
  | 'medians'
  | 'responders'
  | 'scores'
  | 'adverse-events'
  | 'follow-up-completion'
  | 'boosters'
  | 'comparison';

export interface OutcomeQuery {
  filters: OutcomesFilterDto;
  groupBy?: GroupBy;
  /** CSV is an export: audited as one. */
  export: boolean;
}

/**
 * The clinic's outcome figures. Each is an aggregate over the selection's courses, and is audited
 * as one: an Outcomes READ (EXPORT for CSV) naming the figure and the filters used, with no
 * patient, since no patient's record leaves the database (the SQL answers counts per group).
 */
@Injectable()
export class OutcomesService {
  constructor(
    private readonly outcomes: OutcomesRepository,
    private readonly audit: AuditRepository,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  /** One figure: its queries and its audit row in one transaction (one snapshot of the clinic). */
  async figure<T>(actor: Actor, meta: RequestMeta, figure: OutcomeFigure, q: OutcomeQuery): Promise<T> {
    return this.transactions.withTransaction(async () => {
      await this.outcomes.forAggregates();
      const answer = (await this.compute(actor, figure, q)) as T;
      await this.audited(actor, meta, figure, q);
      return answer;
    });
  }

  private compute(actor: Actor, figure: OutcomeFigure, q: OutcomeQuery) {
    switch (figure) {
      case 'relief-curves':
        return this.reliefCurves(actor, q);
      case 'medians':
        return this.medians(actor, q);
      case 'comparison':
        return this.comparison(actor, q);
      case 'responders':
        return this.responders(actor, q);
      case 'scores':
        return this.scores(actor, q);
      case 'adverse-events':
        return this.adverseEvents(actor, q);
      case 'follow-up-completion':
        return this.completion(actor, q);
      case 'boosters':
        return this.boosters(actor, q);
    }
  }

  private async criteria(actor: Actor, q: OutcomeQuery): Promise<OutcomeCriteria> {
    const clinic = await this.outcomes.clinic(actor.clinicId);
    return {
      clinicId: actor.clinicId,
      protocols: clinic.protocols,
      timeZone: clinic.timezone,
      now: new Date(),
      filters: q.filters,
      groupBy: q.groupBy,
      relief: followUpSettingsOf(clinic.followUpSettings).relief,
    };
  }

  private selection(c: OutcomeCriteria): SelectionDto {
    return {
      filters: { ...c.filters },
      groupBy: c.groupBy ?? null,
      asOf: c.now.toISOString(),
      suppressBelow: DEFAULT_OUTCOME_SETTINGS.suppressBelow,
      smallGroupBelow: DEFAULT_OUTCOME_SETTINGS.smallGroupBelow,
      reliefLine: c.relief.line,
    };
  }

  private async audited(actor: Actor, meta: RequestMeta, figure: OutcomeFigure, q: OutcomeQuery) {
    await this.audit.record(
      auditEntry(actor, meta, {
        action: q.export ? 'EXPORT' : 'READ',
        entity: 'Outcomes',
        fields: [
          figure,
          ...Object.keys(q.filters)
            .filter((k) => (q.filters as Record<string, unknown>)[k] !== undefined)
            .map((k) => `filter:${k}`),
          ...(q.groupBy ? [`groupBy:${q.groupBy}`] : []),
        ],
      }),
    );
  }

  async reliefCurves(actor: Actor, q: OutcomeQuery): Promise<ReliefCurvesDto> {
    const c = await this.criteria(actor, q);
    const groups = reliefGroups(await this.outcomes.reliefRows(c));
    const shown: ReliefGroupDto[] = groups.map(({ group, observations, outcomes }) => {
      const disclosure = disclose(patientsObserved(observations));
      if (!disclosure.shown)
        return {
          group,
          disclosure,
          subjects: null,
          events: null,
          median: null,
          steps: [],
          atRisk: [],
          reliefAt: [],
          outcomes: [],
        };
      const curve = kaplanMeier(observations);
      return {
        group,
        disclosure,
        subjects: curve.subjects,
        events: curve.events,
        median: medianSurvival(curve),
        steps: curve.steps.map(({ time, atRisk, events, censored, survival, standardError, lower, upper }) => ({
          time,
          atRisk,
          events,
          censored,
          survival,
          standardError,
          lower,
          upper,
        })),
        atRisk: numbersAtRisk(curve, AT_RISK_DAYS),
        reliefAt: reliefAt(curve),
        outcomes,
      };
    });
    return { selection: this.selection(c), groups: shown, logRank: compare(groups) };
  }

  async medians(actor: Actor, q: OutcomeQuery): Promise<MediansDto> {
    const c = await this.criteria(actor, q);
    const groups = reliefGroups(await this.outcomes.reliefRows(c));
    return { selection: this.selection(c), groups: groups.map((g) => medianGroup(g.group, g.observations)) };
  }

  async comparison(actor: Actor, q: OutcomeQuery): Promise<ComparisonDto> {
    const c = await this.criteria(actor, q);
    const groups = reliefGroups(await this.outcomes.reliefRows(c));
    return {
      selection: this.selection(c),
      groups: groups.map((g) => medianGroup(g.group, g.observations)),
      logRank: compare(groups),
    };
  }

  async responders(actor: Actor, q: OutcomeQuery): Promise<RespondersDto> {
    const c = await this.criteria(actor, q);
    const days = DEFAULT_RESPONDER_SETTINGS.milestoneDays;
    const rows = await this.outcomes.milestoneRows(
      c,
      RELIEF_MILESTONES.map((m) => days[m]),
    );
    return {
      selection: this.selection(c),
      groups: groupNames(rows).map((group) => ({
        group,
        milestones: RELIEF_MILESTONES.map((milestone) => {
          const offsetDays = days[milestone];
          const row = rows.find((r) => r.grp === group && r.offsetDays === offsetDays);
          const assessed = row?.assessed ?? 0;
          const disclosure = disclose(assessed);
          if (!disclosure.shown)
            return {
              milestone,
              offsetDays,
              disclosure,
              assessed: null,
              moderate: null,
              substantial: null,
              points: null,
            };
          return {
            milestone,
            offsetDays,
            disclosure,
            assessed,
            moderate: wilsonInterval(row?.moderate ?? 0, assessed),
            substantial: wilsonInterval(row?.substantial ?? 0, assessed),
            points: wilsonInterval(row?.points ?? 0, assessed),
          };
        }),
      })),
    };
  }

  async scores(actor: Actor, q: OutcomeQuery): Promise<ScoresDto> {
    const c = await this.criteria(actor, q);
    const rows = await this.outcomes.scoreRows(c);
    return {
      selection: this.selection(c),
      baselines:
        "PHQ-9 changes are from the screening the course's booking relied on; PROMIS Pain Interference has no pre-course score, so its changes are from the course's first follow-up record.",
      groups: groupNames(rows).map((group) => ({
        group,
        offsets: rows
          .filter((r) => r.grp === group)
          .map((r) => {
            const disclosure = disclose(r.records);
            const hidden = !disclosure.shown;
            return {
              offsetDays: r.offsetDays,
              disclosure,
              records: hidden ? null : r.records,
              promisTMean: hidden ? null : r.promisMean,
              promisTChange: hidden ? null : r.promisChangeMean,
              promisTPaired: hidden ? null : r.promisPaired,
              phq9Mean: hidden ? null : r.phq9Mean,
              phq9Change: hidden || r.phq9Paired === 0 ? null : r.phq9ChangeMean,
              phq9Paired: hidden ? null : r.phq9Paired,
            };
          }),
      })),
    };
  }

  async adverseEvents(actor: Actor, q: OutcomeQuery): Promise<AdverseEventsDto> {
    const c = await this.criteria(actor, q);
    const rows = await this.outcomes.adverseEventRows(c);
    return {
      selection: this.selection(c),
      groups: groupNames(rows).map((group) => {
        const own = rows.filter((r) => r.grp === group);
        const sessions = own[0].sessions;
        const disclosure = disclose(sessions);
        if (!disclosure.shown) return { group, disclosure, sessions: null, events: [] };
        return {
          group,
          disclosure,
          sessions,
          events: own
            .filter((r) => r.term !== null)
            .map((r) => ({
              term: r.term!,
              grade: r.grade,
              events: r.events,
              per100Sessions: (r.events * 100) / sessions,
              sessions: wilsonInterval(r.sessionsWith, sessions),
            })),
        };
      }),
    };
  }

  async completion(actor: Actor, q: OutcomeQuery): Promise<CompletionDto> {
    const c = await this.criteria(actor, q);
    const rows = await this.outcomes.completionRows(c);
    return {
      selection: this.selection(c),
      groups: groupNames(rows).map((group) => ({
        group,
        offsets: rows
          .filter((r) => r.grp === group)
          .map((r) => {
            const disclosure = disclose(r.closed);
            return {
              offsetDays: r.offsetDays,
              disclosure,
              completed: disclosure.shown ? wilsonInterval(r.completed, r.closed) : null,
            };
          }),
      })),
    };
  }

  async boosters(actor: Actor, q: OutcomeQuery): Promise<BoostersDto> {
    const c = await this.criteria(actor, q);
    const rows = await this.outcomes.boosterRows(c);
    const firsts = await this.outcomes.firstBoosterRows(c);
    return {
      selection: this.selection(c),
      groups: groupNames(rows).map((group) => {
        const row = rows.find((r) => r.grp === group)!;
        const disclosure = disclose(row.patients);
        const observations = firsts
          .filter((f) => f.grp === group)
          .map((f) => ({ time: f.day, reliefLost: f.event, count: f.courses }));
        const initialCourses = patientsObserved(observations);
        if (!disclosure.shown)
          return {
            group,
            disclosure,
            patients: null,
            boosters: null,
            boostersPerPatient: null,
            patientsWithBooster: null,
            initialCourses: null,
            medianDaysToFirstBooster: null,
          };
        return {
          group,
          disclosure,
          patients: row.patients,
          boosters: row.boosters,
          boostersPerPatient: row.boosters / row.patients,
          patientsWithBooster: wilsonInterval(row.withBooster, row.patients),
          initialCourses,
          medianDaysToFirstBooster:
            initialCourses >= DEFAULT_OUTCOME_SETTINGS.suppressBelow ? medianSurvival(kaplanMeier(observations)) : null,
        };
      }),
    };
  }
}

interface ReliefGroupData {
  group: string;
  observations: ReliefObservation[];
  outcomes: { code: string; courses: number }[];
}

const disclose = (size: number) => groupDisclosure(size, DEFAULT_OUTCOME_SETTINGS);

function groupNames(rows: readonly { grp: string }[]): string[] {
  return [...new Set(rows.map((r) => r.grp))].sort();
}

/** The per-day counts as counted Kaplan–Meier observations (the courses on the curve), and every outcome's count. */
function reliefGroups(rows: readonly ReliefRow[]): ReliefGroupData[] {
  return groupNames(rows).map((group) => {
    const own = rows.filter((r) => r.grp === group);
    const outcomes = new Map<string, number>();
    for (const r of own) outcomes.set(r.code, (outcomes.get(r.code) ?? 0) + r.courses);
    return {
      group,
      observations: own
        .filter((r) => r.day !== null)
        .map((r) => ({ time: r.day!, reliefLost: r.event, count: r.courses })),
      outcomes: [...outcomes].map(([code, courses]) => ({ code, courses })),
    };
  });
}

function reliefAt(curve: SurvivalCurve) {
  return RELIEF_AT_DAYS.map((day) => {
    const p = survivalAt(curve, day);
    return { day, survival: p.survival, lower: p.lower, upper: p.upper };
  });
}

function medianGroup(group: string, observations: ReliefObservation[]): MedianGroupDto {
  const disclosure = disclose(patientsObserved(observations));
  if (!disclosure.shown)
    return { group, disclosure, subjects: null, events: null, median: null, firstQuartile: null, thirdQuartile: null };
  const curve = kaplanMeier(observations);
  return {
    group,
    disclosure,
    subjects: curve.subjects,
    events: curve.events,
    median: medianSurvival(curve),
    firstQuartile: survivalQuantile(curve, 0.25),
    thirdQuartile: survivalQuantile(curve, 0.75),
  };
}

/** The log-rank test across the groups shown (suppressed ones are left out and named); null under two. */
function compare(groups: readonly ReliefGroupData[]): LogRankDto | null {
  const shown = groups.filter((g) => disclose(patientsObserved(g.observations)).shown);
  if (shown.length < 2) return null;
  const test = logRank(shown.map((g) => ({ group: g.group, observations: g.observations })));
  return {
    groups: test.groups,
    chiSquare: test.chiSquare,
    degreesOfFreedom: test.degreesOfFreedom,
    pValue: test.pValue,
    excludedGroups: groups.filter((g) => !shown.includes(g)).map((g) => g.group),
  };
}
