/**
 * Booking options: a handful of course plans worth choosing between, each with why it is offered.
 *
 * What differs between options is what a patient plans a life around: the day the course starts
 * and whether it is in the morning or the afternoon. So one search yields at most one option per
 * (start day, part of the day) — never two that differ only by minutes or chair — the part being
 * that of the first session (morning before 12:00 local, afternoon from 12:00).
 *
 * Filters narrow every session, not only the first: a time of day (every session starts in that
 * part of the day), the weekdays the patient can come (every session falls on one), and a chair or
 * bed kept for every session whenever a day allows it (a preference, not a filter: a day where it
 * is taken still offers another chair).
 *
 * Choice, from the options per (day, part) in time order: the earliest; with no time of day asked
 * for, the earliest of the other part of the day too; with a chair asked for, the earliest that
 * keeps it; then the next earliest until there are k. They are listed in time order.
 */
import { type CivilDate, type IsoWeekday, civilDateIso, SlotSearchError, utcMsToLocal } from './clinic';
import type { CoursePlan } from './course';
import { coursePlansPerStartDay, type FindCoursePlansRequest } from './slot-search';

export const TIMES_OF_DAY = ['MORNING', 'AFTERNOON', 'ANY'] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];
export type PartOfDay = Exclude<TimeOfDay, 'ANY'>;

/** Local wall-clock minute at which the afternoon begins. */
export const NOON_MINUTES = 12 * 60;

export function partOfDay(wallMinutes: number): PartOfDay {
  return wallMinutes < NOON_MINUTES ? 'MORNING' : 'AFTERNOON';
}

export interface BookingPreferences {
  /** Default ANY. */
  timeOfDay?: TimeOfDay;
  /** Weekdays the patient can come; every weekday when absent. */
  weekdays?: readonly IsoWeekday[];
  /** A chair (or bed) to keep for every session where a day allows it. */
  preferredResourceId?: string;
}

export type BookingOptionReasonCode =
  | 'EARLIEST'
  | 'EARLIEST_MORNING'
  | 'EARLIEST_AFTERNOON'
  | 'PREFERRED_CHAIR'
  | 'SAME_CHAIR'
  | 'SAME_TIME'
  | 'SAME_TIME_OF_DAY'
  | 'PREFERRED_WEEKDAYS';

export interface BookingOptionReason {
  code: BookingOptionReasonCode;
  message: string;
}

export interface BookingOption {
  plan: CoursePlan;
  /** Clinic-local date of the first session. */
  startDate: string;
  /** Part of the day of the first session. */
  timeOfDay: PartOfDay;
  reasons: BookingOptionReason[];
}

export interface FindBookingOptionsRequest extends FindCoursePlansRequest {
  preferences?: BookingPreferences;
}

/** A plan as the choice reads it: its day, part of the day and what it keeps. */
export interface OptionCandidate {
  plan: CoursePlan;
  startDate: string;
  /** Part of the day of each session, in order. */
  parts: PartOfDay[];
  /** Every session in the preferred chair (false when none was asked for). */
  inPreferredChair: boolean;
}

/** The options for a request (see the module comment); fewer than k when the horizon has no more. */
export function findBookingOptions(req: FindBookingOptionsRequest): BookingOption[] {
  const prefs = req.preferences ?? {};
  const timeOfDay = prefs.timeOfDay ?? 'ANY';
  if (!TIMES_OF_DAY.includes(timeOfDay)) {
    throw new SlotSearchError('INVALID_REQUEST', 'timeOfDay must be MORNING, AFTERNOON or ANY');
  }
  if (
    prefs.weekdays &&
    (prefs.weekdays.length === 0 || prefs.weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7))
  ) {
    throw new SlotSearchError('INVALID_REQUEST', 'weekdays must name at least one ISO weekday, 1 (Monday) to 7');
  }
  const parts: PartOfDay[] = timeOfDay === 'ANY' ? ['MORNING', 'AFTERNOON'] : [timeOfDay];
  const zone = req.clinic.timeZone;
  const candidates: OptionCandidate[] = [];
  const seen = new Set<string>();
  const add = (plan: CoursePlan) => {
    const c = toCandidate(plan, zone, prefs.preferredResourceId);
    const key = `${c.startDate} ${c.parts[0]}`;
    if (seen.has(key)) return undefined;
    seen.add(key);
    candidates.push(c);
    return c;
  };
  const search = coursePlansPerStartDay(req, {
    weekdays: prefs.weekdays,
    preferredResourceId: prefs.preferredResourceId,
  });
  // Each part of the day is searched on its own so every session of an option shares it; k per
  // part (and the preferred chair's first) is all the choice can take.
  for (const part of parts) {
    const accepts = part === 'MORNING' ? (w: number) => w < NOON_MINUTES : (w: number) => w >= NOON_MINUTES;
    takeUntilEnough(search(accepts), req.k, add, { wantPreferredChair: prefs.preferredResourceId !== undefined });
  }
  if (timeOfDay === 'ANY') {
    // Days where no single part of the day holds the whole course still offer a mixed plan, up
    // to the day of the k-th option found so far (a later one could not be chosen).
    const starts = candidates.map(startMs).sort((a, b) => a - b);
    const until = starts.length >= req.k ? starts[req.k - 1] : Infinity;
    takeUntilEnough(search(), req.k, add, { until });
  }
  return chooseBookingOptions(candidates, { ...prefs, timeOfDay }, req.k);
}

function takeUntilEnough(
  plans: Iterable<CoursePlan>,
  k: number,
  add: (plan: CoursePlan) => OptionCandidate | undefined,
  stop: { wantPreferredChair?: boolean; until?: number },
): void {
  let added = 0;
  let preferredSeen = !stop.wantPreferredChair;
  for (const plan of plans) {
    if (stop.until !== undefined && Date.parse(plan.sessions[0].start) > stop.until) return;
    const c = add(plan);
    if (c) added++;
    preferredSeen ||= c?.inPreferredChair === true;
    if (added >= k && preferredSeen) return;
  }
}

function toCandidate(plan: CoursePlan, zone: string, preferred?: string): OptionCandidate {
  const locals = plan.sessions.map((s) => utcMsToLocal(Date.parse(s.start), zone));
  return {
    plan,
    startDate: civilDateIso(locals[0].date as CivilDate),
    parts: locals.map((l) => partOfDay(l.minutes)),
    inPreferredChair: preferred !== undefined && plan.sessions.every((s) => s.resourceId === preferred),
  };
}

/**
 * The choice and the reasons (see the module comment): at most one candidate per start day and
 * part of the day, k of them, in time order.
 */
export function chooseBookingOptions(
  candidates: readonly OptionCandidate[],
  prefs: BookingPreferences,
  k: number,
): BookingOption[] {
  const byStart = [...candidates].sort((a, b) => startMs(a) - startMs(b));
  const distinct: OptionCandidate[] = [];
  const keys = new Set<string>();
  for (const c of byStart) {
    const key = `${c.startDate} ${c.parts[0]}`;
    if (keys.has(key)) continue;
    keys.add(key);
    distinct.push(c);
  }
  const timeOfDay = prefs.timeOfDay ?? 'ANY';
  const earliestMorning = distinct.find((c) => c.parts[0] === 'MORNING');
  const earliestAfternoon = distinct.find((c) => c.parts[0] === 'AFTERNOON');
  const inChair = distinct.find((c) => c.inPreferredChair);
  const chosen = new Set<OptionCandidate>();
  const must = [distinct[0], ...(timeOfDay === 'ANY' ? [earliestMorning, earliestAfternoon] : []), inChair];
  for (const c of must) if (c && chosen.size < k) chosen.add(c);
  for (const c of distinct) {
    if (chosen.size >= k) break;
    chosen.add(c);
  }
  const first = distinct[0];
  return distinct
    .filter((c) => chosen.has(c))
    .map((c) => ({
      plan: c.plan,
      startDate: c.startDate,
      timeOfDay: c.parts[0],
      reasons: reasonsFor(c, {
        earliest: c === first,
        earliestOfPart: timeOfDay === 'ANY' && c !== first && (c === earliestMorning || c === earliestAfternoon),
        prefs,
      }),
    }));
}

function reasonsFor(
  c: OptionCandidate,
  at: { earliest: boolean; earliestOfPart: boolean; prefs: BookingPreferences },
): BookingOptionReason[] {
  const reasons: BookingOptionReason[] = [];
  const part = c.parts[0];
  const partWord = part === 'MORNING' ? 'morning' : 'afternoon';
  if (at.earliest) reasons.push({ code: 'EARLIEST', message: 'The earliest start offered' });
  if (at.earliestOfPart) {
    reasons.push({
      code: part === 'MORNING' ? 'EARLIEST_MORNING' : 'EARLIEST_AFTERNOON',
      message: `The earliest ${partWord} start`,
    });
  }
  if (c.inPreferredChair) reasons.push({ code: 'PREFERRED_CHAIR', message: 'Every session in the chair asked for' });
  else if (c.plan.sameResource) reasons.push({ code: 'SAME_CHAIR', message: 'Every session in the same chair' });
  if (c.plan.sameTime) reasons.push({ code: 'SAME_TIME', message: 'Every session at the same time' });
  if (c.parts.every((p) => p === part)) {
    const asked = at.prefs.timeOfDay === part ? ', as asked' : '';
    reasons.push({ code: 'SAME_TIME_OF_DAY', message: `Every session in the ${partWord}${asked}` });
  }
  const weekdays = at.prefs.weekdays;
  if (weekdays && new Set(weekdays).size < 7) {
    reasons.push({ code: 'PREFERRED_WEEKDAYS', message: 'Every session on a weekday the patient can come' });
  }
  return reasons;
}

function startMs(c: { plan: CoursePlan }): number {
  return Date.parse(c.plan.sessions[0].start);
}
