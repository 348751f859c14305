/** Date and instant helpers of booking (courses, appointments and boosters use them). */

export const DAY_MS = 86_400_000;

/** The UTC calendar date of a Date, YYYY-MM-DD (how date-only columns come back from the database). */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** An ISO instant with any offset, in the canonical UTC form the domain reads (…T09:00:00.000Z). */
export function utcInstant(instant: string): string {
  return new Date(Date.parse(instant)).toISOString();
}
