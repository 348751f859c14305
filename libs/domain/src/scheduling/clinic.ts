/**
 * The clinic's capacity as the slot search sees it: when it is open, what it has to sit or lie
 * patients in, who is on duty, and what is already booked.
 *
 * Instants are ISO-8601 strings; appointments are UTC. Wall-clock times ('HH:mm') and dates
 * ('YYYY-MM-DD') are in the clinic's own IANA time zone, so "09:00" means 09:00 on the clinic's
 * clocks on both sides of a daylight-saving change.
 *
 * Chairs (and rooms) are outpatient: usable only inside opening hours, on days that are not
 * closures, and only while enough nurses are on duty. Beds are an inpatient ward: available
 * around the clock and on closure days, nursed by ward staff, so the chair-side nurse ratio does
 * not apply to them. A bed that is out of service is marked inactive or blocked by an appointment.
 */
import { DateTime } from 'luxon';

/** 1 = Monday … 7 = Sunday (ISO, as luxon and the database store it). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** One opening window on a weekday, local wall-clock; 'closesAt' may be '24:00'. */
export interface OpeningHoursWindow {
  weekday: IsoWeekday;
  opensAt: string;
  closesAt: string;
}

/** Days the outpatient chairs are shut, inclusive local dates. */
export interface ClinicClosure {
  from: string;
  to: string;
  reason?: string;
}

export type ClinicResourceKind = 'CHAIR' | 'BED' | 'ROOM';

export interface ClinicResource {
  id: string;
  kind: ClinicResourceKind;
  /** Inactive resources are never offered. Defaults to true. */
  active?: boolean;
}

/** Nurses on chair-side duty: either a weekly rota or one dated shift. */
export type ClinicNurseShift =
  | { kind: 'WEEKLY'; weekday: IsoWeekday; startsAt: string; endsAt: string; nurses: number }
  /** start/end: ISO instants; without an offset they are read as clinic-local times. */
  | { kind: 'DATED'; start: string; end: string; nurses: number };

export interface ClinicCapacity {
  /** IANA zone, e.g. 'Europe/London'. */
  timeZone: string;
  openingHours: OpeningHoursWindow[];
  closures: ClinicClosure[];
  resources: ClinicResource[];
  nurseShifts: ClinicNurseShift[];
  /** Concurrent chair-side infusions one nurse may supervise. */
  maxInfusionsPerNurse: number;
}

/** A live booking that already holds a chair or bed (UTC instants, end exclusive). */
export interface ExistingAppointment {
  resourceId: string;
  patientId: string;
  start: string;
  end: string;
}

export type SlotSearchErrorCode = 'INVALID_TIME_ZONE' | 'INVALID_CLINIC' | 'INVALID_REQUEST' | 'PROTOCOL_NOT_BOOKABLE';

/** Input the search cannot work with; the API maps the code to a 4xx problem. */
export class SlotSearchError extends Error {
  constructor(
    readonly code: SlotSearchErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SlotSearchError';
  }
}

const MINUTE_MS = 60_000;
export const DAY_MINUTES = 24 * 60;

/** 'HH:mm' → minutes after local midnight, or NaN when it is not a time of day ('24:00' is one, as a closing time). */
export function wallClockMinutes(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m || Number(m[2]) > 59) return NaN;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= DAY_MINUTES ? minutes : NaN;
}

/** 'HH:mm' → minutes after local midnight; '24:00' is allowed as a closing time. */
export function parseWallClock(hhmm: string): number {
  const minutes = wallClockMinutes(hhmm);
  if (Number.isNaN(minutes)) throw new SlotSearchError('INVALID_CLINIC', `"${hhmm}" is not a HH:mm time of day`);
  return minutes;
}

export function formatWallClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A clinic-local calendar date with plain integer arithmetic (no zone involved). */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function parseCivilDate(iso: string): CivilDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new SlotSearchError('INVALID_REQUEST', `"${iso}" is not a YYYY-MM-DD date`);
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const check = addCivilDays(date, 0);
  if (check.year !== date.year || check.month !== date.month || check.day !== date.day) {
    throw new SlotSearchError('INVALID_REQUEST', `"${iso}" is not a calendar date`);
  }
  return date;
}

export function addCivilDays(date: CivilDate, days: number): CivilDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function civilDateIso(date: CivilDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

export function civilWeekday(date: CivilDate): IsoWeekday {
  const js = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return (js === 0 ? 7 : js) as IsoWeekday;
}

/** The UTC instant (ms) of a local wall-clock time on a local date; '24:00' is next midnight. */
export function localToUtcMs(date: CivilDate, minutes: number, zone: string): number {
  if (minutes >= DAY_MINUTES) {
    return localToUtcMs(addCivilDays(date, 1), minutes - DAY_MINUTES, zone);
  }
  // Luxon resolves a wall time that a spring-forward gap skips by moving it forward.
  const dt = DateTime.fromObject({ ...date, hour: Math.floor(minutes / 60), minute: minutes % 60 }, { zone });
  if (!dt.isValid) throw new SlotSearchError('INVALID_TIME_ZONE', `cannot place ${civilDateIso(date)} in "${zone}"`);
  return dt.toMillis();
}

/** The clinic-local date and minutes-after-midnight of a UTC instant. */
export function utcMsToLocal(ms: number, zone: string): { date: CivilDate; minutes: number } {
  const dt = DateTime.fromMillis(ms, { zone });
  return { date: { year: dt.year, month: dt.month, day: dt.day }, minutes: dt.hour * 60 + dt.minute };
}

export function assertTimeZone(zone: string): void {
  if (!DateTime.local().setZone(zone).isValid) {
    throw new SlotSearchError('INVALID_TIME_ZONE', `"${zone}" is not an IANA time zone`);
  }
}

/** An ISO instant in ms; an ISO string without an offset is read in the clinic's zone. */
export function parseInstantMs(iso: string, zone: string): number {
  const ms = DateTime.fromISO(iso, { zone }).toMillis();
  if (!Number.isFinite(ms)) throw new SlotSearchError('INVALID_REQUEST', `"${iso}" is not an ISO instant`);
  return ms;
}

const CANONICAL_SEPARATORS: [number, number][] = [
  [4, 45],
  [7, 45],
  [10, 84],
  [13, 58],
  [16, 58],
  [19, 46],
];

/**
 * An appointment instant in ms. The canonical 'YYYY-MM-DDTHH:mm:ss.sssZ' form (what the API
 * and toISOString write) is read by hand because a search parses thousands of them; any other
 * ISO form goes through luxon, and one without an offset is taken as UTC.
 */
export function parseUtcMs(iso: string): number {
  if (hasCanonicalShape(iso)) {
    const year = digits(iso, 0, 4);
    const month = digits(iso, 5, 7);
    const day = digits(iso, 8, 10);
    const hour = digits(iso, 11, 13);
    const minute = digits(iso, 14, 16);
    const second = digits(iso, 17, 19);
    if (
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= daysInMonth(year, month) &&
      hour <= 23 &&
      minute <= 59 &&
      second <= 59
    ) {
      return Date.UTC(year, month - 1, day, hour, minute, second, digits(iso, 20, 23));
    }
  }
  const ms = DateTime.fromISO(iso, { zone: 'utc' }).toMillis();
  if (!Number.isFinite(ms)) throw new SlotSearchError('INVALID_REQUEST', `"${iso}" is not an ISO instant`);
  return ms;
}

function hasCanonicalShape(iso: string): boolean {
  if (iso.length !== 24 || iso.charCodeAt(23) !== 90 /* Z */) return false;
  for (const [i, ch] of CANONICAL_SEPARATORS) if (iso.charCodeAt(i) !== ch) return false;
  return true;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function digits(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

export function isClosureDate(iso: string, closures: readonly ClinicClosure[]): boolean {
  // YYYY-MM-DD strings compare in calendar order.
  for (const c of closures) if (c.from <= iso && iso <= c.to) return true;
  return false;
}

/**
 * A weekday's opening windows in wall-clock minutes, sorted, with touching or overlapping
 * windows merged: "09:00–12:00" and "12:00–17:00" are one morning-to-evening opening.
 */
export function openingMinutesFor(weekday: IsoWeekday, hours: readonly OpeningHoursWindow[]): [number, number][] {
  const raw: [number, number][] = [];
  for (const h of hours) {
    if (h.weekday !== weekday) continue;
    const open = parseWallClock(h.opensAt);
    const close = parseWallClock(h.closesAt);
    if (close <= open) {
      throw new SlotSearchError(
        'INVALID_CLINIC',
        `opening window ${h.opensAt}–${h.closesAt} must close after it opens`,
      );
    }
    raw.push([open, close]);
  }
  raw.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const w of raw) {
    const last = merged[merged.length - 1];
    if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
    else merged.push([w[0], w[1]]);
  }
  return merged;
}

export const MS_PER_MINUTE = MINUTE_MS;
