/**
 * What a booking request means, shared by the search, its brute-force reference and the
 * feasibility check so all three read a protocol and a request the same way.
 */
import {
  type CivilDate,
  type ClinicCapacity,
  type ClinicResourceKind,
  type ExistingAppointment,
  addCivilDays,
  assertTimeZone,
  localToUtcMs,
  parseCivilDate,
  parseInstantMs,
  SlotSearchError,
  utcMsToLocal,
} from './clinic';
import { HOME_PROTOCOL_RULE, hasSessionsToBook, type Protocol, sessionCountProblem } from './protocol';

export interface PlannedSession {
  resourceId: string;
  /** UTC ISO instants; end exclusive. */
  start: string;
  end: string;
}

export interface CoursePlan {
  sessions: PlannedSession[];
  /**
   * Lower is better: minutes waited from `earliest` to the first session, plus 0.5 when the
   * sessions are not all at the same local time and 0.25 when they change chair or bed.
   */
  score: number;
  sameResource: boolean;
  /** Every session starts at the same clinic-local wall-clock time. */
  sameTime: boolean;
}

export interface CoursePlanRequest {
  protocol: Protocol;
  /** Number of sessions; required for WEEKDAYS protocols, where it is chosen at booking. */
  sessions?: number;
  clinic: ClinicCapacity;
  existing: readonly ExistingAppointment[];
  patientId: string;
  /** A UTC instant (ISO) or a clinic-local date (YYYY-MM-DD, meaning its local midnight). */
  earliest: string;
  /** Local calendar days, from the date of `earliest`, within which the whole course must end. */
  horizonDays: number;
  /** How many options to return. */
  k: number;
  /** Grid of candidate start times, from each opening (or, for beds, local midnight). */
  stepMinutes?: number;
}

/** The calendar shape of a bookable course. */
export type CourseShape =
  | {
      kind: 'DAYS';
      rule: 'CONSECUTIVE_DAYS' | 'WEEKDAYS' | 'EVERY_N_DAYS';
      sessions: number;
      everyDays: number;
      minutes: number;
      resourceKind: ClinicResourceKind;
    }
  | { kind: 'CONTINUOUS'; minutes: number; resourceKind: ClinicResourceKind };

const MAX_HORIZON_DAYS = 3660;

export function resolveCourseShape(protocol: Protocol, sessions?: number): CourseShape {
  const p = protocol.pattern;
  const positiveInt = (n: number) => Number.isInteger(n) && n > 0;
  if (!hasSessionsToBook(protocol) || p.kind === 'NONE') {
    throw new SlotSearchError('PROTOCOL_NOT_BOOKABLE', `${protocol.key}: ${HOME_PROTOCOL_RULE}`);
  }
  const countProblem = sessionCountProblem(p, sessions);
  const assertCount = () => {
    if (countProblem) throw new SlotSearchError('INVALID_REQUEST', `${protocol.key} ${countProblem}`);
  };
  if (p.kind === 'CONTINUOUS') {
    // A continuous infusion runs through the night, which only the ward can staff.
    if (protocol.setting !== 'BED' || !(p.hours > 0)) {
      throw new SlotSearchError(
        'PROTOCOL_NOT_BOOKABLE',
        `${protocol.key}: a continuous infusion needs a bed and positive hours`,
      );
    }
    assertCount();
    return { kind: 'CONTINUOUS', minutes: Math.round(p.hours * 60), resourceKind: 'BED' };
  }
  if (protocol.setting !== 'CHAIR') {
    throw new SlotSearchError('PROTOCOL_NOT_BOOKABLE', `${protocol.key}: day-by-day sessions are booked in chairs`);
  }
  if (!positiveInt(protocol.minutesPerSession) || protocol.minutesPerSession > 24 * 60) {
    throw new SlotSearchError('PROTOCOL_NOT_BOOKABLE', `${protocol.key}: minutes per session must be 1–1440`);
  }
  assertCount();
  const base = { kind: 'DAYS' as const, minutes: protocol.minutesPerSession, resourceKind: 'CHAIR' as const };
  switch (p.kind) {
    case 'CONSECUTIVE_DAYS':
      if (!positiveInt(p.sessions)) break;
      return { ...base, rule: 'CONSECUTIVE_DAYS', sessions: p.sessions, everyDays: 1 };
    case 'EVERY_N_DAYS':
      if (!positiveInt(p.sessions) || !positiveInt(p.n)) break;
      return { ...base, rule: 'EVERY_N_DAYS', sessions: p.sessions, everyDays: p.n };
    case 'WEEKDAYS':
      // sessionCountProblem has checked it lies within the protocol's bounds.
      return { ...base, rule: 'WEEKDAYS', sessions: sessions!, everyDays: 1 };
  }
  throw new SlotSearchError('PROTOCOL_NOT_BOOKABLE', `${protocol.key}: malformed session pattern`);
}

export interface SearchWindow {
  earliestMs: number;
  /** Local date of `earliest`: day 0 of the horizon. */
  firstDate: CivilDate;
  horizonDays: number;
  /** Local midnight after the last horizon day; every session must end by then. */
  horizonEndMs: number;
  stepMs: number;
  k: number;
}

export function resolveSearchWindow(req: CoursePlanRequest): SearchWindow {
  const zone = req.clinic.timeZone;
  assertTimeZone(zone);
  const step = req.stepMinutes ?? 15;
  if (!Number.isInteger(step) || step < 1 || step > 24 * 60) {
    throw new SlotSearchError('INVALID_REQUEST', 'stepMinutes must be a whole number from 1 to 1440');
  }
  if (!Number.isInteger(req.horizonDays) || req.horizonDays < 1 || req.horizonDays > MAX_HORIZON_DAYS) {
    throw new SlotSearchError('INVALID_REQUEST', `horizonDays must be a whole number from 1 to ${MAX_HORIZON_DAYS}`);
  }
  if (!Number.isInteger(req.k) || req.k < 1) {
    throw new SlotSearchError('INVALID_REQUEST', 'k must be a positive whole number');
  }
  let earliestMs: number;
  let firstDate: CivilDate;
  if (/^\d{4}-\d{2}-\d{2}$/.test(req.earliest)) {
    firstDate = parseCivilDate(req.earliest);
    earliestMs = localToUtcMs(firstDate, 0, zone);
  } else {
    earliestMs = parseInstantMs(req.earliest, zone);
    firstDate = utcMsToLocal(earliestMs, zone).date;
  }
  return {
    earliestMs,
    firstDate,
    horizonDays: req.horizonDays,
    horizonEndMs: localToUtcMs(addCivilDays(firstDate, req.horizonDays), 0, zone),
    stepMs: step * 60_000,
    k: req.k,
  };
}

/** Ranking inputs → the plan's score (see CoursePlan.score). */
export function planScore(firstStartMs: number, earliestMs: number, sameTime: boolean, sameResource: boolean): number {
  return (firstStartMs - earliestMs) / 60_000 + (sameTime ? 0 : 0.5) + (sameResource ? 0 : 0.25);
}
