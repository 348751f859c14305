import { Injectable } from '@nestjs/common';
import {
  type BookingPreferences,
  clinicDateOf,
  type CoursePlan,
  findBookingOptions,
  findCoursePlans,
  hasStarted,
  isPlanFeasible,
  isProtocol,
  type Protocol,
  SlotSearchError,
  isCalendarDate,
} from '@cadence/domain';
import { DateTime } from 'luxon';
import { bookingErrors, type PlanProblem } from './booking.errors';
import { BookingRepository } from './booking.repository';
import { CapacityRepository, type CapacitySnapshot } from './capacity.repository';
import type { CourseOptionDto } from '../courses/dto/course.dto';
import type { CourseOptionsDto, CoursePlanDto, SessionChoiceDto } from './dto/booking.dto';
import { DAY_MS, utcInstant } from './instants';

/** Local calendar days the search looks ahead: three months covers every catalogue pattern. */
export const SEARCH_HORIZON_DAYS = 92;
/**
 * Capacity is loaded this far either side of the sessions: a clinic-local day reaches at most
 * about a day (25 hours on a clock change, plus the zone's offset) from any instant in it, and the
 * re-check needs the patient's bookings on every local day a session touches.
 */
const MARGIN_MS = 2 * DAY_MS;

export interface RecheckContext {
  protocol: Protocol;
  patientId: string;
  /** The chosen session count of a weekday course; the pattern fixes it for the others. */
  sessionCount?: number;
  /** Appointments being moved: their own slots do not count as taken. */
  excludeAppointmentIds?: readonly string[];
}

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
  /** Appointments being moved: their own slots do not count as taken. */
  excludeAppointmentIds?: readonly string[];
}

export interface BookingOptionsQuery extends Omit<OptionsQuery, 'horizonDays'> {
  timeOfDay?: BookingPreferences['timeOfDay'];
  weekdays?: number[];
  /** Checked here to be an active chair (or bed) of the clinic of the kind the protocol needs. */
  preferredChairId?: string;
}

/**
 * Wires the domain's slot search and plan re-check to the clinic's stored capacity. Every rule
 * (opening hours, closures, chair kind, nurse ratio, the patient's clashes, the pattern) is the
 * domain's; this only loads the data for the right window and turns plans into API shapes.
 */
@Injectable()
export class PlanningService {
  constructor(
    private readonly capacity: CapacityRepository,
    private readonly booking: BookingRepository,
  ) {}

  async options(query: OptionsQuery): Promise<CourseOptionsDto> {
    const { snapshot, request } = await this.searchOf(query);
    const plans = asProblem(() => findCoursePlans(request));
    return { plans: plans.map((plan) => toPlanDto(plan, snapshot)) };
  }

  /** Options worth choosing between (the domain's booking options), each with its reasons. */
  async bookingOptions(query: BookingOptionsQuery): Promise<CourseOptionDto[]> {
    const { snapshot, request } = await this.searchOf(query);
    const preferred = query.preferredChairId;
    const kind = query.protocol.setting === 'BED' ? 'BED' : 'CHAIR';
    if (
      preferred !== undefined &&
      !snapshot.clinic.resources.some((r) => r.id === preferred && r.kind === kind && r.active !== false)
    ) {
      throw bookingErrors.notAChairFor(kind);
    }
    const options = asProblem(() =>
      findBookingOptions({
        ...request,
        preferences: {
          timeOfDay: query.timeOfDay,
          weekdays: query.weekdays as BookingPreferences['weekdays'],
          preferredResourceId: preferred,
        },
      }),
    );
    return options.map((o) => ({
      ...toPlanDto(o.plan, snapshot),
      startDate: o.startDate,
      timeOfDay: o.timeOfDay,
      reasons: o.reasons,
    }));
  }

  /** The clinic's capacity around the search window, and the domain request it answers. */
  private async searchOf(query: OptionsQuery) {
    const now = Date.now();
    const requested = query.earliest ? roughStartMs(query.earliest) : now;
    const horizonDays = query.horizonDays ?? SEARCH_HORIZON_DAYS;
    const from = Math.max(now, requested) - MARGIN_MS;
    const snapshot = await this.capacity.load(query.clinicId, from, from + horizonDays * DAY_MS + 2 * MARGIN_MS);
    if (!snapshot) throw bookingErrors.noSuchClinic();
    const zone = snapshot.clinic.timeZone;
    const earliestMs = query.earliest ? startMs(query.earliest, zone) : now;
    const earliest = !query.earliest || earliestMs < now ? new Date(now).toISOString() : query.earliest;
    return {
      snapshot,
      request: {
        protocol: query.protocol,
        sessions: query.sessions,
        clinic: snapshot.clinic,
        existing: withoutAppointments(snapshot, query.excludeAppointmentIds),
        patientId: query.patientId,
        earliest,
        horizonDays,
        k: query.k,
      },
    };
  }

  /**
   * The domain's re-check of chosen sessions against capacity loaded now for `window` (from
   * `normaliseSessions`): every broken rule, or none. Run under the clinic's booking lock, in the
   * booking's transaction, it sees every booking committed before this one.
   */
  async recheck(
    clinicId: string,
    window: { from: number; to: number },
    sessions: SessionChoiceDto[],
    ctx: RecheckContext,
  ): Promise<PlanProblem[]> {
    const snapshot = await this.capacity.load(clinicId, window.from, window.to);
    if (!snapshot) return [{ code: 'UNKNOWN_CLINIC', message: 'no such clinic' }];
    const plan = { sessions: sessions.map((s) => ({ resourceId: s.chairId, start: s.startsAt, end: s.endsAt })) };
    return isPlanFeasible(plan, {
      protocol: ctx.protocol,
      sessions: ctx.sessionCount,
      clinic: snapshot.clinic,
      existing: withoutAppointments(snapshot, ctx.excludeAppointmentIds),
      patientId: ctx.patientId,
    }).reasons;
  }

  /** Refuses sessions that start before `now`: the one thing the domain's re-check does not know. */
  assertNotPast(sessions: SessionChoiceDto[], now = Date.now()): void {
    const past = sessions.flatMap((s, i) =>
      hasStarted({ start: s.startsAt }, now)
        ? [{ code: 'IN_THE_PAST', sessionIndex: i, message: `session ${i + 1} starts in the past` }]
        : [],
    );
    if (past.length > 0) throw bookingErrors.planInfeasible(past);
  }

  /** The clinic's time zone, in which treatment days and same-day moves are judged. */
  async clinicZone(clinicId: string): Promise<string> {
    const zone = await this.booking.clinicTimezone(clinicId);
    if (!zone) throw bookingErrors.noSuchClinic();
    return zone;
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

function withoutAppointments(snapshot: CapacitySnapshot, ids: readonly string[] = []) {
  return ids.length > 0 ? snapshot.existing.filter((a) => !ids.includes(a.id)) : snapshot.existing;
}

/** Runs a domain search, answering its refusals as problems. */
function asProblem<T>(search: () => T): T {
  try {
    return search();
  } catch (error) {
    if (!(error instanceof SlotSearchError)) throw error;
    switch (error.code) {
      case 'PROTOCOL_NOT_BOOKABLE':
        throw bookingErrors.protocolNotBookable(error.message);
      case 'INVALID_REQUEST':
        throw bookingErrors.patternMismatch(error.message);
      case 'INVALID_TIME_ZONE':
      case 'INVALID_CLINIC':
        throw error;
      default: {
        const unreachable: never = error.code;
        throw new Error(`Unhandled slot search refusal ${String(unreachable)}`);
      }
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
  return isCalendarDate(earliest) ? DateTime.fromISO(earliest, { zone }).toMillis() : Date.parse(earliest);
}

/** Within a day of `startMs`, before the zone is known. */
function roughStartMs(earliest: string): number {
  return isCalendarDate(earliest) ? Date.parse(`${earliest}T00:00:00Z`) : Date.parse(earliest);
}

/**
 * A protocol definition as stored (JSON), checked against the domain's shape: a stored protocol
 * that is not one is a fault of the data, never something to book against.
 */
export function storedProtocol(definition: unknown): Protocol {
  if (!isProtocol(definition)) throw new Error('A stored protocol definition is not a valid protocol');
  return definition;
}
