import { registerDecorator, ValidationOptions } from 'class-validator';
import { DateTime, IANAZone } from 'luxon';

const INSTANT = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;
/** UTC offsets in use on Earth run from −12:00 to +14:00; `+99:99` parses in luxon but not in Date. */
const MIN_OFFSET_MINUTES = -12 * 60;
const MAX_OFFSET_MINUTES = 14 * 60;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const WALL_CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** An ISO-8601 instant with an explicit, real offset (…Z or …+01:00), on a real calendar date and time. */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string' || !INSTANT.test(value)) return false;
  const at = DateTime.fromISO(value, { setZone: true });
  return (
    at.isValid &&
    at.offset >= MIN_OFFSET_MINUTES &&
    at.offset <= MAX_OFFSET_MINUTES &&
    at.year >= 2000 &&
    at.year <= 2100 &&
    !Number.isNaN(Date.parse(value))
  );
}

/** A real calendar date written YYYY-MM-DD, 2000–2100. */
export function isCalendarDay(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const day = DateTime.fromISO(value, { zone: 'utc' });
  return day.isValid && day.year >= 2000 && day.year <= 2100;
}

function rule(name: string, test: (value: unknown) => boolean, problem: string, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      options,
      validator: { validate: test, defaultMessage: (args) => `${args?.property} ${problem}` },
    });
}

export const IsInstant = (options?: ValidationOptions) =>
  rule('isInstant', isInstant, 'must be an ISO-8601 instant with an offset, e.g. 2026-03-02T09:00:00Z', options);

export const IsCalendarDay = (options?: ValidationOptions) =>
  rule('isCalendarDay', isCalendarDay, 'must be a real calendar date written YYYY-MM-DD', options);

export const IsDayOrInstant = (options?: ValidationOptions) =>
  rule(
    'isDayOrInstant',
    (value) => isCalendarDay(value) || isInstant(value),
    'must be a clinic-local date (YYYY-MM-DD) or an ISO-8601 instant with an offset',
    options,
  );

/** A wall-clock time HH:MM (00:00–23:59); `allowMidnightEnd` also accepts 24:00 as a closing time. */
export const IsWallClock = (allowMidnightEnd = false, options?: ValidationOptions) =>
  rule(
    'isWallClock',
    (value) => typeof value === 'string' && (WALL_CLOCK.test(value) || (allowMidnightEnd && value === '24:00')),
    allowMidnightEnd ? 'must be a time HH:MM from 00:00 to 24:00' : 'must be a time HH:MM from 00:00 to 23:59',
    options,
  );

export const IsTimeZone = (options?: ValidationOptions) =>
  rule(
    'isTimeZone',
    (value) => typeof value === 'string' && value.length <= 64 && IANAZone.isValidZone(value),
    'must be an IANA time zone such as Europe/London',
    options,
  );
