import { DateTime } from 'luxon';

// Every appointment time is an instant (UTC on the wire) shown in the CLINIC's time zone: a
// scheduler working remotely, or a browser set to another zone, must see the clinic's clock.

const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);

/** "Mon 7 Dec 2026" */
export function formatClinicDate(iso: string, zone: string): string {
  return at(iso, zone).toFormat('ccc d LLL yyyy');
}

/** "09:00" (24-hour, as clinics write it). */
export function formatClinicTime(iso: string, zone: string): string {
  return at(iso, zone).toFormat('HH:mm');
}

/** "09:00–13:00", with the end's date when the session runs past midnight (continuous infusions). */
export function formatClinicTimeRange(startIso: string, endIso: string, zone: string): string {
  const start = at(startIso, zone);
  const end = at(endIso, zone);
  const endText = start.hasSame(end, 'day') ? end.toFormat('HH:mm') : end.toFormat('ccc d LLL HH:mm');
  return `${start.toFormat('HH:mm')}–${endText}`;
}

/** "Mon 7 Dec 2026, 09:00–13:00" */
export function formatClinicSlot(startIso: string, endIso: string, zone: string): string {
  return `${formatClinicDate(startIso, zone)}, ${formatClinicTimeRange(startIso, endIso, zone)}`;
}

/** Today's date (YYYY-MM-DD) on the clinic's calendar. */
export function clinicToday(zone: string): string {
  return DateTime.now().setZone(zone).toISODate() ?? '';
}

/** The instant a clinic-local calendar day starts (DST-aware), as an ISO string. */
export function clinicDayStart(date: string, zone: string): string {
  return DateTime.fromISO(date, { zone }).startOf('day').toUTC().toISO() ?? '';
}

/** The clinic-local calendar date an instant falls on. */
export function clinicDateOf(iso: string, zone: string): string {
  return at(iso, zone).toISODate() ?? '';
}

/**
 * An instant as the clinic's wall-clock time written as if it were UTC
 * ("2026-12-07T09:00:00Z" for 09:00 in the clinic). The chair board runs FullCalendar in its
 * 'UTC' zone and feeds it these: named zones need a plugin that is not installed, and the
 * browser's own zone would move every event (and break on the browser's DST days). In a zone
 * without DST the board shows exactly the clinic's clock.
 */
export function toClinicWallClock(iso: string, zone: string): string {
  return `${at(iso, zone).toFormat("yyyy-LL-dd'T'HH:mm:ss")}Z`;
}

/** The inverse for whole dates: a board date (a fake-UTC Date) → its YYYY-MM-DD. */
export function wallClockDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Now on the clinic's clock in the board's fake-UTC frame (for the "now" line). */
export function clinicNowWallClock(zone: string): string {
  return toClinicWallClock(DateTime.utc().toISO() ?? '', zone);
}
