import { DateTime } from 'luxon';
import { clinicDateAt, type ScheduledFollowUp } from './schedule';
import { DEFAULT_FOLLOW_UP_SETTINGS, type FollowUpSettings } from './settings';

/**
 * Where a follow-up stands at an instant. Only a record taken inside the window completes it: a
 * call on day 40 does not measure relief at day 28, so a record outside the window is kept (and
 * named) but leaves the follow-up upcoming, open or missed.
 *
 * UPCOMING: the window has not opened. DUE: open, on or before the due date. OVERDUE: past the due
 * date, the window still open. MISSED: the window closed without a record inside it.
 */
export const FOLLOW_UP_STATUSES = ['UPCOMING', 'DUE', 'OVERDUE', 'COMPLETED', 'MISSED'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export type FollowUpStatusCode = FollowUpStatus | 'LAST_DAY' | 'RECORD_OUTSIDE_WINDOW';

export interface FollowUpReason {
  code: FollowUpStatusCode;
  ruleId: string;
  message: string;
}

export interface FollowUpState {
  status: FollowUpStatus;
  /** The record inside the window that completed it (the first). */
  completedByAtMs?: number;
  /** Clinic days left in the window after today: 0 on its last day; absent unless DUE or OVERDUE. */
  daysLeft?: number;
  reasons: FollowUpReason[];
}

const STATUS_RULE = 'follow-up.status';

/** The status at `nowMs`, from the instants of the records taken for this follow-up (later ones are ignored). */
export function followUpStatus(
  followUp: ScheduledFollowUp,
  recordedAtMs: readonly number[],
  nowMs: number,
): FollowUpState {
  const taken = recordedAtMs.filter((at) => at <= nowMs).sort((a, b) => a - b);
  const inside = taken.find((at) => at >= followUp.opensAtMs && at < followUp.closesAtMs);
  const window = `window ${followUp.opensOn} to ${followUp.closesOn}`;
  const reason = (code: FollowUpStatusCode, message: string): FollowUpReason => ({
    code,
    ruleId: STATUS_RULE,
    message,
  });
  if (inside !== undefined)
    return {
      status: 'COMPLETED',
      completedByAtMs: inside,
      reasons: [reason('COMPLETED', `Recorded on ${clinicDateAt(inside, followUp.timeZone)}, inside the ${window}`)],
    };
  const outside = taken.map((at) =>
    reason(
      'RECORD_OUTSIDE_WINDOW',
      `A record on ${clinicDateAt(at, followUp.timeZone)} is outside the ${window} and does not measure day ${followUp.offsetDays}`,
    ),
  );
  if (nowMs < followUp.opensAtMs)
    return { status: 'UPCOMING', reasons: [reason('UPCOMING', `Due ${followUp.dueOn}; ${window}`), ...outside] };
  if (nowMs >= followUp.closesAtMs)
    return {
      status: 'MISSED',
      reasons: [reason('MISSED', `Missed: the ${window} closed without a record (due ${followUp.dueOn})`), ...outside],
    };
  const today = clinicDateAt(nowMs, followUp.timeZone);
  const daysLeft = daysBetween(today, followUp.closesOn);
  const lastDay = daysLeft === 0 ? [reason('LAST_DAY', `Today is the last day of the ${window}`)] : [];
  if (today > followUp.dueOn)
    return {
      status: 'OVERDUE',
      daysLeft,
      reasons: [
        reason(
          'OVERDUE',
          `Overdue by ${plural(daysBetween(followUp.dueOn, today), 'day')} (due ${followUp.dueOn}); the window closes at the end of ${followUp.closesOn}`,
        ),
        ...lastDay,
        ...outside,
      ],
    };
  return {
    status: 'DUE',
    daysLeft,
    reasons: [
      reason('DUE', `Due ${today === followUp.dueOn ? 'today' : followUp.dueOn}; ${window}`),
      ...lastDay,
      ...outside,
    ],
  };
}

export interface WorklistCandidate {
  id: string;
  followUp: ScheduledFollowUp;
  recordedAtMs: readonly number[];
}

export interface WorklistEntry {
  id: string;
  followUp: ScheduledFollowUp;
  state: FollowUpState;
}

const WORKLIST_ORDER: Partial<Record<FollowUpStatus, number>> = { OVERDUE: 0, DUE: 1, MISSED: 2 };

/**
 * The clinic's follow-up worklist, most urgent first: overdue ones closest to closing (a follow-up
 * about to be lost), then those due, earliest due date first, then ones missed in the last
 * `worklistMissedDays`, latest first, so the nurse reaches the patient before the next follow-up.
 * Upcoming and completed follow-ups are not on it. Ties keep a stable order by id.
 */
export function followUpWorklist(
  candidates: readonly WorklistCandidate[],
  nowMs: number,
  settings: Pick<FollowUpSettings, 'worklistMissedDays'> = DEFAULT_FOLLOW_UP_SETTINGS,
): WorklistEntry[] {
  return candidates
    .map((c) => ({ id: c.id, followUp: c.followUp, state: followUpStatus(c.followUp, c.recordedAtMs, nowMs) }))
    .filter(({ followUp, state }) => {
      if (state.status === 'MISSED') {
        const today = clinicDateAt(nowMs, followUp.timeZone);
        return daysBetween(followUp.closesOn, today) <= settings.worklistMissedDays;
      }
      return WORKLIST_ORDER[state.status] !== undefined;
    })
    .sort(compareForWorklist);
}

/** The worklist's order, for a list the caller has already given states to. */
export function compareForWorklist(a: WorklistEntry, b: WorklistEntry): number {
  const rank = (e: WorklistEntry) => WORKLIST_ORDER[e.state.status] ?? 3;
  return (
    rank(a) - rank(b) ||
    (a.state.status === 'OVERDUE' ? a.followUp.closesAtMs - b.followUp.closesAtMs : 0) ||
    (a.state.status === 'DUE'
      ? a.followUp.dueAtMs - b.followUp.dueAtMs || a.followUp.closesAtMs - b.followUp.closesAtMs
      : 0) ||
    (a.state.status === 'MISSED' ? b.followUp.closesAtMs - a.followUp.closesAtMs : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Whole calendar days from one clinic date to another. */
function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
