/**
 * What makes a clinic's settings, opening hours, closures and nurse shifts consistent. The API
 * refuses an edit that breaks one of these with the problems as field errors; the admin's forms
 * check the same functions before sending. Times are clinic-local wall-clock 'HH:mm' ('24:00' as a
 * closing time) and dates YYYY-MM-DD, already well formed (the request validation checks shape).
 */
import { wallClockMinutes } from './clinic';

/** One problem with one field: `field` is the request path ('windows[2].closesAt'), `rule` a stable name. */
export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

/**
 * How a clinic writes calendar dates, in dayjs tokens (the admin's date inputs parse and show the
 * same pattern): the first, "1 Dec 2026", reads the same in every locale.
 */
export const CLINIC_DATE_FORMATS = ['D MMM YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY', 'YYYY-MM-DD'] as const;
export type ClinicDateFormat = (typeof CLINIC_DATE_FORMATS)[number];
export const DEFAULT_CLINIC_DATE_FORMAT: ClinicDateFormat = 'D MMM YYYY';

/** ISO weekdays, 1 = Monday … 7 = Sunday, as opening hours and rota rows number them. */
export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const weekdayName = (weekday: number): string => WEEKDAY_NAMES[weekday - 1] ?? `weekday ${weekday}`;

/** A closure lasts at most this many days; longer is a data-entry slip, not a holiday. */
export const MAX_CLOSURE_DAYS = 366;

/** Most chair-side nurses one shift row may name. */
export const MAX_NURSES_PER_SHIFT = 50;

export interface BloodPressureLimits {
  bpReviewSystolic: number;
  bpReviewDiastolic: number;
  bpBlockSystolic: number;
  bpBlockDiastolic: number;
}

/** A reading at the review limit needs a clinician's review, at the block limit it stops treatment: review comes first. */
export function clinicSettingsProblems(settings: BloodPressureLimits): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (settings.bpReviewSystolic >= settings.bpBlockSystolic) {
    problems.push({
      field: 'bpReviewSystolic',
      rule: 'belowBlock',
      message: 'bpReviewSystolic must be below bpBlockSystolic',
    });
  }
  if (settings.bpReviewDiastolic >= settings.bpBlockDiastolic) {
    problems.push({
      field: 'bpReviewDiastolic',
      rule: 'belowBlock',
      message: 'bpReviewDiastolic must be below bpBlockDiastolic',
    });
  }
  return problems;
}

export interface OpeningWindowInput {
  weekday: number;
  opensAt: string;
  closesAt: string;
}

/**
 * A week of opening windows: each closes after it opens, and windows of one weekday do not
 * overlap (touching is fine: the slot search joins 09:00–12:00 and 12:00–17:00). A weekday may
 * have several windows, e.g. a day split around lunch.
 */
export function openingHoursProblems(windows: readonly OpeningWindowInput[], path = 'windows'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  windows.forEach((w, i) => {
    if (!(wallClockMinutes(w.closesAt) > wallClockMinutes(w.opensAt))) {
      problems.push({
        field: `${path}[${i}].closesAt`,
        rule: 'afterOpening',
        message: `closesAt must be after opensAt on ${weekdayName(w.weekday)}`,
      });
    }
  });
  for (let weekday = 1; weekday <= 7; weekday++) {
    const day = windows
      .map((w, i) => ({
        open: wallClockMinutes(w.opensAt),
        close: wallClockMinutes(w.closesAt),
        weekday: w.weekday,
        i,
      }))
      .filter((w) => w.weekday === weekday && w.close > w.open)
      .sort((a, b) => a.open - b.open);
    for (let j = 1; j < day.length; j++) {
      if (day[j].open < day[j - 1].close) {
        problems.push({
          field: `${path}[${day[j].i}]`,
          rule: 'noOverlap',
          message: `opening windows on ${weekdayName(weekday)} must not overlap`,
        });
      }
    }
  }
  return problems;
}

export interface ClosureInput {
  startsOn: string;
  endsOn: string;
}

/** Whole clinic-local days, inclusive: it ends on or after the day it starts, within a year. */
export function closureProblems(closure: ClosureInput): FieldProblem[] {
  if (closure.endsOn < closure.startsOn) {
    return [{ field: 'endsOn', rule: 'onOrAfterStart', message: 'endsOn must be on or after startsOn' }];
  }
  const days = (Date.parse(closure.endsOn) - Date.parse(closure.startsOn)) / 86_400_000 + 1;
  if (days > MAX_CLOSURE_DAYS) {
    return [{ field: 'endsOn', rule: 'maxSpan', message: `a closure lasts at most ${MAX_CLOSURE_DAYS} days` }];
  }
  return [];
}

export interface NurseShiftInput {
  /** A weekly rota row (1 = Monday … 7 = Sunday) … */
  weekday?: number | null;
  /** … or a dated shift on this clinic-local date, which replaces that day's rota. */
  date?: string | null;
  startsAt: string;
  endsAt: string;
  nurses: number;
}

/**
 * A nurse shift is a weekly rota row or a dated shift, never both; it ends after it starts on the
 * same day (24:00 at the latest). A rota row has at least one nurse; a dated shift may have none,
 * which is how an admin says "no chair-side nursing that day" (see DATED_SHIFT_RULE).
 */
export function nurseShiftProblems(shift: NurseShiftInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const weekly = shift.weekday !== undefined && shift.weekday !== null;
  const dated = shift.date !== undefined && shift.date !== null;
  if (weekly === dated) {
    problems.push({
      field: 'weekday',
      rule: 'weekdayOrDate',
      message: 'give either weekday (a weekly rota row) or date (a one-off shift)',
    });
  }
  if (!(wallClockMinutes(shift.endsAt) > wallClockMinutes(shift.startsAt))) {
    problems.push({ field: 'endsAt', rule: 'afterStart', message: 'endsAt must be after startsAt' });
  }
  const least = dated && !weekly ? 0 : 1;
  if (!Number.isInteger(shift.nurses) || shift.nurses < least || shift.nurses > MAX_NURSES_PER_SHIFT) {
    problems.push({
      field: 'nurses',
      rule: 'nurseCount',
      message:
        least === 0
          ? `a dated shift has 0 to ${MAX_NURSES_PER_SHIFT} nurses (0: no chair-side nursing that day)`
          : `a weekly rota row has 1 to ${MAX_NURSES_PER_SHIFT} nurses`,
    });
  }
  return problems;
}
