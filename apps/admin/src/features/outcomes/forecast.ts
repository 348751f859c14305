import { DateTime } from 'luxon';

/** Whole calendar days from one clinic date to another (YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days);
}

/** How the expected end of relief reads against today: ahead, today, or already past without news since. */
export function expectedLossWhen(expectedLossOn: string, today: string): string {
  const days = daysBetween(today, expectedLossOn);
  if (days > 1) return `in ${days} days`;
  if (days === 1) return 'tomorrow';
  if (days === 0) return 'today';
  return `${-days} days ago: relief may already be lost, with no follow-up since`;
}
