import { DEFAULT_CLINIC_DATE_FORMAT, type ClinicDateFormat } from '@cadence/domain';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';

// Calendar dates (YYYY-MM-DD: a birth date, a closure day, a validity end) have no zone. Instants
// are formatted on the clinic's clock: see features/clinic/time.ts and useClinicClock().
// Every calendar date is written and typed in the clinic's one date format (GET /api/clinic
// dateFormat), never in the browser's locale.

dayjs.extend(customParseFormat);

export { isCalendarDate } from '@cadence/domain';

let clinicFormat: ClinicDateFormat = DEFAULT_CLINIC_DATE_FORMAT;

/** Set once the clinic is loaded (ClinicClockProvider); pages outside it (the patient's link) keep the default. */
export function setClinicDateFormat(format: ClinicDateFormat): void {
  clinicFormat = format;
}

/** 1980-04-02 → "2 Apr 1980", or as the clinic writes dates ("02/04/1980"). */
export function formatDate(value: string | null | undefined, format: ClinicDateFormat = clinicFormat): string {
  return value ? dayjs(value).format(format) : '—';
}

/** What each format looks like, for the clinic's choice: "1 Dec 2026 (D MMM YYYY)". */
export function describeDateFormat(format: ClinicDateFormat): string {
  return `${dayjs('2026-12-01').format(format)} (${format})`;
}

/**
 * What a person typed, read in the clinic's format (days and months also without a leading zero),
 * or as YYYY-MM-DD; the calendar date, or null when it is no date in that format. Strict: "31/02/2026"
 * and "2/4/80" are no dates.
 */
export function parseClinicDate(text: string, format: ClinicDateFormat = clinicFormat): string | null {
  const trimmed = text.trim();
  const formats: string[] = [format, 'YYYY-MM-DD'];
  if (format === 'DD/MM/YYYY') formats.push('D/M/YYYY');
  if (format === 'MM/DD/YYYY') formats.push('M/D/YYYY');
  if (format === 'D MMM YYYY') formats.push('D MMMM YYYY');
  const parsed = dayjs(trimmed, formats, 'en', true);
  return parsed.isValid() ? parsed.format('YYYY-MM-DD') : null;
}
