import dayjs from 'dayjs';

/** Today as a calendar date (YYYY-MM-DD) in the browser's time zone. */
export function today(): string {
  return dayjs().format('YYYY-MM-DD');
}

export { isCalendarDate } from '@cadence/domain';

/** 1980-04-02 → "2 Apr 1980": unambiguous for every locale at the desk. */
export function formatDate(value: string | null | undefined): string {
  return value ? dayjs(value).format('D MMM YYYY') : '—';
}

export function formatDateTime(value: string | null | undefined): string {
  return value ? dayjs(value).format('D MMM YYYY, HH:mm:ss') : '—';
}

/** Start of a local calendar day as an ISO instant. */
export function startOfDayIso(date: string): string {
  return dayjs(date).startOf('day').toISOString();
}

/** End of a local calendar day (the start of the next one) as an ISO instant. */
export function endOfDayIso(date: string): string {
  return dayjs(date).add(1, 'day').startOf('day').toISOString();
}
