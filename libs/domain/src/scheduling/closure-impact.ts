/**
 * Which live bookings a capacity change strands: a closure shuts the outpatient chairs (and rooms)
 * for whole clinic-local dates, so any session on them that starts on, or runs into, one of those
 * dates no longer has a chair. Beds are the inpatient ward and stay open on closure days.
 */
import {
  addCivilDays,
  assertTimeZone,
  type ClinicClosure,
  type ClinicResourceKind,
  localToUtcMs,
  parseCivilDate,
  parseUtcMs,
  SlotSearchError,
} from './clinic';

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
