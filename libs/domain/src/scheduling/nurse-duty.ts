/**
 * Who is on chair-side duty. A clinic keeps a weekly rota and, for days that differ (a bank
 * holiday, a training day, sickness), dated shifts. A dated shift REPLACES the rota for its whole
 * clinic-local day: an admin who enters "1 nurse on 24 December" means one nurse that day, not the
 * rota plus one. The slot search, its brute-force reference, the feasibility check and the
 * capacity checks of the API all ask this module, so the rule is stated once.
 */
import { DateTime } from 'luxon';
import {
  addCivilDays,
  type ClinicCapacity,
  type ClinicNurseShift,
  type IsoWeekday,
  localToUtcMs,
  parseCivilDate,
  parseInstantMs,
  parseWallClock,
  SlotSearchError,
  utcMsToLocal,
  civilDateIso,
} from './clinic';

/** The rule as the admin reads it beside the nurse shifts. */
export const DATED_SHIFT_RULE =
  'A dated shift replaces the weekly rota for that whole day: on a date with dated shifts only they count, ' +
  'and outside their hours no chair-side nurse is on duty. A dated shift of 0 nurses means no chair-side ' +
  'nursing that day.';

export type DatedNurseShift = Extract<ClinicNurseShift, { kind: 'DATED' }>;
export type WeeklyNurseShift = Extract<ClinicNurseShift, { kind: 'WEEKLY' }>;

/** A dated shift as UTC instants, with the clinic-local date it belongs to. */
export interface PlacedDatedShift {
  date: string;
  startMs: number;
  endMs: number;
  nurses: number;
}

/**
 * Places a dated shift in the clinic's zone. It belongs to the local date it starts on and must
 * end by that date's closing midnight, so "which day does it replace" has one answer.
 */
export function placeDatedShift(shift: DatedNurseShift, zone: string): PlacedDatedShift {
  const startMs = parseInstantMs(shift.start, zone);
  let endMs = parseInstantMs(shift.end, zone);
  // A start the spring-forward gap skips is moved forward by the gap (London 01:30 → 02:30), so a
  // shift ending at or before the gap's end ("01:30–02:00") would seem to end before it starts:
  // it covers no time. Equal instants are allowed; the shift still replaces its day's rota.
  const skipped = minutesSkippedAt(shift.start, startMs, zone);
  if (endMs < startMs && endMs >= startMs - skipped * 60_000) endMs = startMs;
  if (!(endMs >= startMs)) {
    throw new SlotSearchError('INVALID_CLINIC', `nurse shift ${shift.start}–${shift.end} ends before it starts`);
  }
  const { date } = utcMsToLocal(startMs, zone);
  if (endMs > localToUtcMs(addCivilDays(date, 1), 0, zone)) {
    throw new SlotSearchError(
      'INVALID_CLINIC',
      `dated nurse shift ${shift.start}–${shift.end} runs past midnight: split it at midnight`,
    );
  }
  return { date: civilDateIso(date), startMs, endMs, nurses: shift.nurses };
}

/** How far a wall time written without an offset was moved forward because a spring-forward gap skips it; 0 otherwise. */
function minutesSkippedAt(iso: string, resolvedMs: number, zone: string): number {
  const written = /T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(iso);
  if (!written) return 0;
  const wall = utcMsToLocal(resolvedMs, zone).minutes;
  return Math.max(0, wall - (Number(written[1]) * 60 + Number(written[2])));
}

/**
 * The shifts that staff the chairs on a clinic-local date (YYYY-MM-DD): its dated shifts when it
 * has any, otherwise the weekly rota rows of its weekday.
 */
export function shiftsOnDate(
  shifts: readonly ClinicNurseShift[],
  date: string,
  zone: string,
): { dated: PlacedDatedShift[]; weekly: WeeklyNurseShift[] } {
  const dated = shifts
    .filter((s): s is DatedNurseShift => s.kind === 'DATED')
    .map((s) => placeDatedShift(s, zone))
    .filter((s) => s.date === date);
  if (dated.length > 0) return { dated, weekly: [] };
  const weekday = DateTime.fromISO(date, { zone }).weekday;
  return {
    dated: [],
    weekly: shifts.filter((s): s is WeeklyNurseShift => s.kind === 'WEEKLY' && s.weekday === weekday),
  };
}

/** Chair-side nurses on duty at the instant `atMs`, by the rule above. Slow and plain on purpose. */
export function nursesOnDuty(clinic: Pick<ClinicCapacity, 'timeZone' | 'nurseShifts'>, atMs: number): number {
  const zone = clinic.timeZone;
  const day = DateTime.fromMillis(atMs, { zone }).startOf('day');
  const { dated, weekly } = shiftsOnDate(clinic.nurseShifts, day.toISODate()!, zone);
  let nurses = 0;
  for (const d of dated) if (d.startMs <= atMs && atMs < d.endMs) nurses += d.nurses;
  for (const w of weekly) {
    if (wallTime(day, parseWallClock(w.startsAt)) <= atMs && atMs < wallTime(day, parseWallClock(w.endsAt)))
      nurses += w.nurses;
  }
  return nurses;
}

/**
 * The instants in [fromMs, toMs) where the number of nurses on duty may change: local midnights
 * (where one day's rule hands over to the next), rota boundaries and dated-shift boundaries.
 */
export function nurseChangePoints(
  clinic: Pick<ClinicCapacity, 'timeZone' | 'nurseShifts'>,
  fromMs: number,
  toMs: number,
): number[] {
  const zone = clinic.timeZone;
  const points = new Set<number>();
  const consider = (t: number) => {
    if (fromMs <= t && t < toMs) points.add(t);
  };
  for (
    let day = DateTime.fromMillis(fromMs, { zone }).startOf('day');
    day.toMillis() < toMs;
    day = day.plus({ days: 1 })
  ) {
    consider(day.toMillis());
    const { dated, weekly } = shiftsOnDate(clinic.nurseShifts, day.toISODate()!, zone);
    for (const d of dated) {
      consider(d.startMs);
      consider(d.endMs);
    }
    for (const w of weekly) {
      consider(wallTime(day, parseWallClock(w.startsAt)));
      consider(wallTime(day, parseWallClock(w.endsAt)));
    }
  }
  return [...points].sort((a, b) => a - b);
}

/** Wall-clock minutes added as calendar time, so "09:00" is 09:00 after a clock change too. */
function wallTime(date: DateTime, minutes: number): number {
  return minutes === 24 * 60
    ? date.plus({ days: 1 }).toMillis()
    : date.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
}

/** A nurse shift as the clinic stores it: a weekday rota row or a row on a clinic-local date. */
export interface NurseShiftRecord {
  weekday: number | null;
  /** YYYY-MM-DD, clinic-local. */
  date: string | null;
  startsAt: string;
  endsAt: string;
  nurses: number;
}

/** A stored shift as the capacity rules read it; a dated row's 24:00 is the next local midnight. */
export function nurseShiftFromRecord(record: NurseShiftRecord): ClinicNurseShift {
  const { weekday, date, startsAt, endsAt, nurses } = record;
  if (date === null) {
    if (weekday === null || !Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
      throw new SlotSearchError('INVALID_CLINIC', 'a nurse shift has a weekday or a date');
    }
    return { kind: 'WEEKLY', weekday: weekday as IsoWeekday, startsAt, endsAt, nurses };
  }
  const end = endsAt === '24:00' ? `${civilDateIso(addCivilDays(parseCivilDate(date), 1))}T00:00` : `${date}T${endsAt}`;
  return { kind: 'DATED', start: `${date}T${startsAt}`, end, nurses };
}
