/**
 * Which live bookings a capacity change strands: a closure shuts the outpatient chairs (and rooms)
 * for whole clinic-local dates, so any session on them that starts on, or runs into, one of those
 * dates no longer has a chair. Beds are the inpatient ward and stay open on closure days.
 */
import {
  addCivilDays,
  assertTimeZone,
  type ClinicCapacity,
  type ClinicClosure,
  type ClinicResourceKind,
  localToUtcMs,
  parseCivilDate,
  parseUtcMs,
  SlotSearchError,
} from './clinic';
import { nurseChangePoints, nursesOnDuty } from './nurse-duty';

/** A booked session as the closure check needs it (UTC instants, end exclusive). */
export interface BookedSession {
  start: string;
  end: string;
  /** The kind of chair it holds; null when it holds none. */
  resourceKind: ClinicResourceKind | null;
}

/**
 * The UTC instants [start, end) that the clinic-local dates `from`…`to` (inclusive) cover: from
 * local midnight of the first day to local midnight after the last, so a DST day is 23 or 25
 * hours long.
 */
export function localDatesSpan(from: string, to: string, zone: string): { start: string; end: string } {
  assertTimeZone(zone);
  const first = parseCivilDate(from);
  const last = parseCivilDate(to);
  if (to < from) throw new SlotSearchError('INVALID_REQUEST', `"${to}" is before "${from}"`);
  return {
    start: new Date(localToUtcMs(first, 0, zone)).toISOString(),
    end: new Date(localToUtcMs(addCivilDays(last, 1), 0, zone)).toISOString(),
  };
}

/**
 * The sessions a closure strands: on a chair or room (not a bed, not chairless) and overlapping
 * the closure's local dates. A session ending exactly at local midnight before the closure is
 * not stranded; one that runs past it is. Input order is kept.
 */
export function strandedByClosure<T extends BookedSession>(
  sessions: readonly T[],
  closure: Pick<ClinicClosure, 'from' | 'to'>,
  zone: string,
): T[] {
  const span = localDatesSpan(closure.from, closure.to, zone);
  const start = parseUtcMs(span.start);
  const end = parseUtcMs(span.end);
  return sessions.filter(
    (s) =>
      s.resourceKind !== null && s.resourceKind !== 'BED' && parseUtcMs(s.start) < end && parseUtcMs(s.end) > start,
  );
}

/**
 * The sessions that stand over the nurse ratio: chair-side sessions (anything but a ward bed)
 * live at an instant when more chair-side infusions run than the nurses on duty may supervise.
 * After a nurse shift is removed or replaced by a dated one, or the ratio is lowered, these are the
 * bookings the front desk must move. Every session live at such an instant is listed, since any
 * of them may be the one to move. Input order is kept.
 */
export function overNurseRatio<T extends BookedSession>(
  sessions: readonly T[],
  clinic: Pick<ClinicCapacity, 'timeZone' | 'nurseShifts' | 'maxInfusionsPerNurse'>,
): T[] {
  assertTimeZone(clinic.timeZone);
  const chairSide = sessions
    .map((session, i) => ({ i, s: parseUtcMs(session.start), e: parseUtcMs(session.end) }))
    .filter(({ i }) => sessions[i].resourceKind !== 'BED');
  if (chairSide.length === 0) return [];
  const from = Math.min(...chairSide.map((x) => x.s));
  const to = Math.max(...chairSide.map((x) => x.e));
  // Load only rises at a start and nurses only change at the change points, so between two
  // consecutive points the sessions live at the first are the ones that can be over.
  const points = new Set<number>(nurseChangePoints(clinic, from, to));
  for (const x of chairSide) points.add(x.s);
  const over = new Set<number>();
  for (const t of points) {
    const live = chairSide.filter((x) => x.s <= t && t < x.e);
    if (live.length > nursesOnDuty(clinic, t) * clinic.maxInfusionsPerNurse) for (const x of live) over.add(x.i);
  }
  return sessions.filter((_, i) => over.has(i));
}

/** Why a booked session must be moved or cancelled by the front desk. */
export type BookingToMoveReason = 'CLINIC_CLOSED' | 'CHAIR_OUT_OF_SERVICE' | 'OVER_NURSE_RATIO';

/** A booked session with whether the chair or bed it holds is still in service. */
export interface HeldSession extends BookedSession {
  resourceActive: boolean;
}

/**
 * The front desk's work list after capacity changes: every session stranded by a closure, held on
 * a chair or bed taken out of service, or standing over the nurse ratio, with all its reasons.
 * Input order is kept; sessions with no reason are left out.
 */
export function bookingsToMove<T extends HeldSession>(
  sessions: readonly T[],
  clinic: Pick<ClinicCapacity, 'timeZone' | 'nurseShifts' | 'maxInfusionsPerNurse' | 'closures'>,
): { session: T; reasons: BookingToMoveReason[] }[] {
  const closed = new Set<T>();
  for (const closure of clinic.closures)
    for (const s of strandedByClosure(sessions, closure, clinic.timeZone)) closed.add(s);
  const over = new Set(overNurseRatio(sessions, clinic));
  return sessions.flatMap((session) => {
    const reasons: BookingToMoveReason[] = [];
    if (closed.has(session)) reasons.push('CLINIC_CLOSED');
    if (session.resourceKind !== null && !session.resourceActive) reasons.push('CHAIR_OUT_OF_SERVICE');
    if (over.has(session)) reasons.push('OVER_NURSE_RATIO');
    return reasons.length ? [{ session, reasons }] : [];
  });
}
