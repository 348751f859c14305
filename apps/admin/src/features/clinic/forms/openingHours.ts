import { openingHoursProblems } from '@cadence/domain';
import type { FormErrors } from '@mantine/form';
import { domainFormErrors } from '../../../shared/forms';
import type { OpeningWindow } from '../api/clinic.api';
import { WEEKDAY_NAMES } from '../weekdays';

export interface WindowValues {
  /** Stable React key for a row that can be added and removed. */
  key: string;
  opensAt: string;
  closesAt: string;
}

/** The week as the editor shows it: every weekday, each with all of its windows (none = closed). */
export interface OpeningHoursValues {
  days: { weekday: number; windows: WindowValues[] }[];
}

const byOpening = (a: OpeningWindow, b: OpeningWindow) => a.opensAt.localeCompare(b.opensAt);

export function toOpeningHoursValues(hours: OpeningWindow[], newKey: () => string): OpeningHoursValues {
  return {
    days: WEEKDAY_NAMES.map((_, i) => ({
      weekday: i + 1,
      windows: hours
        .filter((h) => h.weekday === i + 1)
        .sort(byOpening)
        .map(({ opensAt, closesAt }) => ({ key: newKey(), opensAt, closesAt })),
    })),
  };
}

/**
 * The request body (every window of the week, in weekday order) and, for each window sent, the
 * form path it came from, so the API's `windows[i]` errors land beside the right inputs.
 */
export function toOpeningHoursRequest(values: OpeningHoursValues): { windows: OpeningWindow[]; paths: string[] } {
  const windows: OpeningWindow[] = [];
  const paths: string[] = [];
  values.days.forEach((day, d) =>
    day.windows.forEach((w, i) => {
      windows.push({ weekday: day.weekday, opensAt: w.opensAt, closesAt: w.closesAt });
      paths.push(`days.${d}.windows.${i}`);
    }),
  );
  return { windows, paths };
}

/**
 * `windows[3].closesAt` → `days.1.windows.0.closesAt`. A complaint about a whole window (an
 * overlap) goes under its closing time, the input that usually has to change.
 */
export function openingHoursErrorPath(field: string, paths: string[]): string {
  const match = /^(?:body\.)?windows\[(\d+)\](?:\.(opensAt|closesAt|weekday))?$/.exec(field);
  const path = match ? paths[Number(match[1])] : undefined;
  if (!match || !path) return field;
  return `${path}.${match[2] === 'opensAt' ? 'opensAt' : 'closesAt'}`;
}

const WINDOW_FIELD = /^days\.\d+\.windows\.\d+\.(opensAt|closesAt)$/;
export const isOpeningHoursField = (path: string) => WINDOW_FIELD.test(path);

export const OPENING_HOURS_LABELS = { opensAt: 'Opening time', closesAt: 'Closing time' };

/** Every time filled in, then the domain's opening-hours rules (closes after it opens, no overlaps). */
export function openingHoursFormErrors(values: OpeningHoursValues): FormErrors {
  const missing: FormErrors = {};
  values.days.forEach((day, d) =>
    day.windows.forEach((w, i) => {
      if (!w.opensAt) missing[`days.${d}.windows.${i}.opensAt`] = 'Enter the opening time';
      if (!w.closesAt) missing[`days.${d}.windows.${i}.closesAt`] = 'Enter the closing time';
    }),
  );
  if (Object.keys(missing).length > 0) return missing;
  const { windows, paths } = toOpeningHoursRequest(values);
  return domainFormErrors(openingHoursProblems(windows), OPENING_HOURS_LABELS, (field) =>
    openingHoursErrorPath(field, paths),
  );
}
