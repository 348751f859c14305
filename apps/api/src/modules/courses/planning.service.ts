import { Injectable } from '@nestjs/common';
import {
  clinicDateOf,
  type CoursePlan,
  findCoursePlans,
  hasStarted,
  isPlanFeasible,
  type PlanFeasibilityReason,
  type Protocol,
  SlotSearchError,
} from '@cadence/domain';
import { DateTime } from 'luxon';
import { DomainError } from '../../common/errors/domain-error';
import type { CourseOptionsDto, CoursePlanDto, SessionChoiceDto } from './dto/course.dto';
import { CapacityRepository, type CapacitySnapshot } from './capacity.repository';
import { DAY_MS, utcInstant } from './instants';

/** Local calendar days the search looks ahead: three months covers every catalogue pattern. */
export const SEARCH_HORIZON_DAYS = 92;
/**
 * Capacity is loaded this far either side of the sessions: a clinic-local day reaches at most
 * about a day (25 hours on a clock change, plus the zone's offset) from any instant in it, and the
 * re-check needs the patient's bookings on every local day a session touches.
 */
const MARGIN_MS = 2 * DAY_MS;

export interface OptionsQuery {
  clinicId: string;
  patientId: string;
  protocol: Protocol;
  sessions?: number;
  /** A clinic-local date or an ISO instant; a moment already past means now. */
  earliest?: string;
  k: number;
  /** Local days to search from the date of `earliest` (default SEARCH_HORIZON_DAYS); 1 for a same-day move. */
  horizonDays?: number;
  /** An appointment being moved: its own slot does not count as taken. */
  excludeAppointmentId?: string;
}

/**
 * Wires the domain's slot search and plan re-check to the clinic's stored capacity. Every rule
 * (opening hours, closures, chair kind, nurse ratio, the patient's clashes, the pattern) is the
 * domain's; this only loads the data for the right window and turns plans into API shapes.
 */
@Injectable()
export class PlanningService {
  constructor(private readonly capacity: CapacityRepository) {}

  async options(query: OptionsQuery): Promise<CourseOptionsDto> {
    const now = Date.now();
    const requested = query.earliest ? roughStartMs(query.earliest) : now;
    const horizonDays = query.horizonDays ?? SEARCH_HORIZON_DAYS;
    const from = Math.max(now, requested) - MARGIN_MS;
    const snapshot = await this.capacity.load(query.clinicId, from, from + horizonDays * DAY_MS + 2 * MARGIN_MS);
    if (!snapshot) throw new DomainError('NOT_FOUND', 'No such clinic.');
    const zone = snapshot.clinic.timeZone;
    const earliestMs = query.earliest ? startMs(query.earliest, zone) : now;
    const earliest = !query.earliest || earliestMs < now ? new Date(now).toISOString() : query.earliest;
    const existing = withoutAppointment(snapshot, query.excludeAppointmentId);
    const plans = asProblem(() =>
      findCoursePlans({
        protocol: query.protocol,
        sessions: query.sessions,
        clinic: snapshot.clinic,
        existing,
        patientId: query.patientId,
        earliest,
        horizonDays,
        k: query.k,
      }),
    );
    return { plans: plans.map((plan) => toPlanDto(plan, snapshot)) };
  }

  /** The domain's re-check of a chosen plan against a fresh snapshot: every broken rule, or none. */
  recheck(
    snapshot: CapacitySnapshot,
    sessions: SessionChoiceDto[],
    ctx: { protocol: Protocol; patientId: string; sessionCount?: number; excludeAppointmentId?: string },
  ): PlanFeasibilityReason[] {
    const plan = { sessions: sessions.map((s) => ({ resourceId: s.chairId, start: s.startsAt, end: s.endsAt })) };
    return isPlanFeasible(plan, {
      protocol: ctx.protocol,
      sessions: ctx.sessionCount,
      clinic: snapshot.clinic,
      existing: withoutAppointment(snapshot, ctx.excludeAppointmentId),
      patientId: ctx.patientId,
    }).reasons;
  }

  /** The clinic-local dates a set of sessions touches (start and end day), for the eligibility gate. */
  treatmentDates(sessions: SessionChoiceDto[], zone: string): string[] {
    const dates = sessions.flatMap((s) => [
      clinicDateOf(utcInstant(s.startsAt), zone),
      clinicDateOf(new Date(Date.parse(s.endsAt) - 1).toISOString(), zone),
    ]);
    return [...new Set(dates)].sort();
  }
}

/**
 * Sessions sorted by start, as UTC ISO instants; the window [from, to) of capacity their re-check
 * needs (every local day they touch, so the patient's other bookings those days are seen).
 */
export function normaliseSessions(sessions: SessionChoiceDto[]): {
  sessions: SessionChoiceDto[];
  from: number;
  to: number;
} {
  const sorted = sessions
    .map((s) => ({ chairId: s.chairId, startsAt: utcInstant(s.startsAt), endsAt: utcInstant(s.endsAt) }))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return {
    sessions: sorted,
    from: Math.min(...sorted.map((s) => Date.parse(s.startsAt))) - MARGIN_MS,
    to: Math.max(...sorted.map((s) => Date.parse(s.endsAt))) + MARGIN_MS,
  };
}

export interface PlanProblem {
  code: string;
  sessionIndex?: number;
  message: string;
}

/** Sessions that start before now: the one thing the domain's re-check does not know. */
export function pastSessions(sessions: SessionChoiceDto[], now = Date.now()): PlanProblem[] {
  return sessions.flatMap((s, i) =>
    hasStarted({ start: s.startsAt }, now)
      ? [{ code: 'IN_THE_PAST', sessionIndex: i, message: `session ${i + 1} starts in the past` }]
      : [],
  );
}

export function planInfeasible(reasons: PlanProblem[]): DomainError {
  return new DomainError(
    'PLAN_INFEASIBLE',
    'The clinic cannot deliver this plan as it stands; search again for options.',
    reasons.map((r) => ({
      field: r.sessionIndex === undefined ? 'sessions' : `sessions[${r.sessionIndex}]`,
      rule: r.code,
      message: r.message,
    })),
    { reasons },
  );
}

export function slotTaken(): DomainError {
  return new DomainError(
    'SLOT_TAKEN',
    'Another booking took this chair or time a moment ago; search again for options.',
  );
}

function withoutAppointment(snapshot: CapacitySnapshot, id?: string) {
  return id ? snapshot.existing.filter((a) => a.id !== id) : snapshot.existing;
}

/** Runs a domain search, answering its refusals as problems. */
export function asProblem<T>(search: () => T): T {
  try {
    return search();
  } catch (error) {
    if (!(error instanceof SlotSearchError)) throw error;
    switch (error.code) {
      case 'PROTOCOL_NOT_BOOKABLE':
        throw new DomainError('PROTOCOL_NOT_BOOKABLE', error.message);
      case 'INVALID_REQUEST':
        throw new DomainError('VALIDATION_FAILED', error.message, [
          { field: 'sessions', rule: 'protocolPattern', message: error.message },
        ]);
      case 'INVALID_TIME_ZONE':
      case 'INVALID_CLINIC':
        throw error;
    }
  }
}

function toPlanDto(plan: CoursePlan, snapshot: CapacitySnapshot): CoursePlanDto {
  return {
    sessions: plan.sessions.map((s) => ({
      chairId: s.resourceId,
      chairName: snapshot.chairNames.get(s.resourceId) ?? '',
      startsAt: s.start,
      endsAt: s.end,
    })),
    sameChair: plan.sameResource,
    sameTime: plan.sameTime,
  };
}

/** The moment `earliest` names in the clinic's zone (a date means its local midnight). */
function startMs(earliest: string, zone: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(earliest) ? DateTime.fromISO(earliest, { zone }).toMillis() : Date.parse(earliest);
}

/** Within a day of `startMs`, before the zone is known. */
function roughStartMs(earliest: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(earliest) ? Date.parse(`${earliest}T00:00:00Z`) : Date.parse(earliest);
}
