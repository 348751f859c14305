import { DateTime } from 'luxon';
import { formatDate } from '../../shared/dates';

// Every appointment time is an instant (UTC on the wire) shown in the CLINIC's time zone: a
// scheduler working remotely, or a browser set to another zone, must see the clinic's clock.
// The zone comes from useClinicClock().

const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);

/** "Mon 7 Dec 2026", the date in the clinic's date format ("Mon 07/12/2026"). */
export function formatClinicDate(iso: string, zone: string): string {
  const local = at(iso, zone);
  return `${local.toFormat('ccc')} ${formatDate(local.toISODate())}`;
}

/** "09:00" (24-hour, as clinics write it). */
export function formatClinicTime(iso: string, zone: string): string {
  return at(iso, zone).toFormat('HH:mm');
}

/** "7 Dec 2026, 09:00:12": when something was recorded, on the clinic's clock and in its date format. */
export function formatClinicDateTime(iso: string | null | undefined, zone: string): string {
  if (!iso) return '—';
  const local = at(iso, zone);
  return `${formatDate(local.toISODate())}, ${local.toFormat('HH:mm:ss')}`;
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

/** The instant a clinic-local calendar day starts (DST-aware: a day may be 23 or 25 hours), as ISO. */
export function clinicDayStart(date: string, zone: string): string {
  return DateTime.fromISO(date, { zone }).startOf('day').toUTC().toISO() ?? '';
}

/** The instant the next clinic-local day starts: the exclusive end of `date`. */
export function clinicDayEnd(date: string, zone: string): string {
  return DateTime.fromISO(date, { zone }).plus({ days: 1 }).startOf('day').toUTC().toISO() ?? '';
}

/** The clinic-local calendar date an instant falls on. */
export function clinicDateOf(iso: string, zone: string): string {
  return at(iso, zone).toISODate() ?? '';
}
