import { WEEKDAY_NAMES } from '@cadence/domain';

export { WEEKDAY_NAMES };

export const weekdayName = (weekday: number): string => WEEKDAY_NAMES[weekday - 1] ?? String(weekday);

export const WEEKDAY_OPTIONS = WEEKDAY_NAMES.map((label, i) => ({ value: String(i + 1), label }));
