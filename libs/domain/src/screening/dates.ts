// Calendar dates are 'YYYY-MM-DD' strings in the clinic's own zone; instants are full ISO strings.
// Keeping the two apart means no rule ever asks "which day was 23:30 UTC in Sydney?" by accident.
import { DateTime } from 'luxon';
import { isCalendarDate } from '../patient';

function parseDate(date: string): DateTime {
  if (!isCalendarDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  return DateTime.fromISO(date, { zone: 'utc' });
}

export function addDays(date: string, days: number): string {
  return parseDate(date).plus({ days }).toISODate()!;
}

/** Calendar months; 31 August minus 6 months is 28/29 February (luxon clamps to the month's end). */
export function addMonths(date: string, months: number): string {
  return parseDate(date).plus({ months }).toISODate()!;
}

/** The clinic's calendar date at an instant, e.g. to turn `signedAt` into `signedOn`. */
export function clinicDateOf(instant: string, timeZone: string): string {
  const at = DateTime.fromISO(instant, { setZone: true });
  if (!at.isValid) throw new RangeError(`Not an ISO instant: ${instant}`);
  const local = at.setZone(timeZone);
  if (!local.isValid) throw new RangeError(`Unknown time zone: ${timeZone}`);
  return local.toISODate()!;
}

/** Milliseconds since the epoch, for ordering instants written with different offsets. */
export function instantMillis(instant: string): number {
  const at = DateTime.fromISO(instant, { setZone: true });
  if (!at.isValid) throw new RangeError(`Not an ISO instant: ${instant}`);
  return at.toMillis();
}
