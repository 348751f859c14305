import { DateTime } from 'luxon';

/** Days a clinic's daily job looks back: a day older than this is not caught up (its reminders are long past). */
export const MAX_CATCH_UP_DAYS = 7;

/**
 * The clinic days whose daily run is due at `nowMs` and not yet done, oldest first. A day's run is
 * due from `dailyAt` on the clinic's clocks that day; after `lastDay` (the latest day run) every day
 * up to the latest due one is due, at most `maxDays` of them; a clinic never run starts with the
 * latest due day.
 */
export function dueDays(
  timeZone: string,
  lastDay: string | null,
  nowMs: number,
  dailyAt: string,
  maxDays: number = MAX_CATCH_UP_DAYS,
): string[] {
  const local = DateTime.fromMillis(nowMs, { zone: timeZone });
  const latest = local.toFormat('HH:mm') >= dailyAt ? local.startOf('day') : local.startOf('day').minus({ days: 1 });
  const earliest = latest.minus({ days: maxDays - 1 });
  const next = lastDay ? DateTime.fromISO(lastDay, { zone: timeZone }).plus({ days: 1 }) : latest;
  const days: string[] = [];
  for (let day = next < earliest ? earliest : next; day <= latest; day = day.plus({ days: 1 }))
    days.push(day.toISODate()!);
  return days;
}
