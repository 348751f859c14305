import { DateTime } from 'luxon';
import { formatDate } from '../../shared/dates';

/** "2 Dec 2026, 14:53": the date in the clinic's date format. */
export const minuteOf = (at: DateTime): string => `${formatDate(at.toISODate())}, ${at.toFormat('HH:mm')}`;

/** "2 Dec 2026, 14:53" on the clinic's clock. */
export function clinicMinute(iso: string, zone: string): string {
  return minuteOf(DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone));
}

/**
 * Until when something lasts, in words: an instant at the clinic's midnight (a window closing) is
 * "the end of" the day before it, not "00:00" of a day it no longer covers.
 */
export function clinicUntil(iso: string, zone: string): string {
  const at = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);
  if (at.hour === 0 && at.minute === 0 && at.second === 0 && at.millisecond === 0)
    return `the end of ${formatDate(at.minus({ days: 1 }).toISODate())}`;
  return minuteOf(at);
}
