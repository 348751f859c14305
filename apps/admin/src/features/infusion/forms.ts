// Form values → request fields, shared by the infusion day's forms. Inputs hold what was typed
// (number or ''), never a clamped value: the API and the domain say what is allowed.
import { DateTime } from 'luxon';

/** '' (not entered) → undefined; anything else as the number typed. */
export function entered(value: number | string): number | undefined {
  if (value === '' || value === null || value === undefined) return undefined;
  return typeof value === 'number' ? value : Number(value);
}

/** "HH:mm" today on the clinic's clock → the instant, or undefined when left empty. */
export function clinicTimeToday(time: string, today: string, zone: string): string | undefined {
  if (!time) return undefined;
  const at = DateTime.fromISO(`${today}T${time}`, { zone });
  return at.isValid ? (at.toUTC().toISO() ?? undefined) : undefined;
}

/**
 * A time input left empty means "now", sent to the millisecond: a step taken at once is never
 * rounded back to the start of its minute (before the check-in, or level with the last reading).
 */
export function clinicTimeOrNow(time: string, today: string, zone: string, now: () => string): string {
  return time ? (clinicTimeToday(time, today, zone) ?? '') : now();
}
