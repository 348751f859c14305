import dayjs from 'dayjs';

// Calendar dates (YYYY-MM-DD: a birth date, a closure day, a validity end) have no zone. Instants
// are formatted on the clinic's clock: see features/clinic/time.ts and useClinicClock().

export { isCalendarDate } from '@cadence/domain';

/** 1980-04-02 → "2 Apr 1980": unambiguous for every locale at the desk. */
export function formatDate(value: string | null | undefined): string {
  return value ? dayjs(value).format('D MMM YYYY') : '—';
}
