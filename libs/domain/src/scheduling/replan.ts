/**
 * Changing the days of a booked course: moving one session to another day, and re-planning the
 * rest of a course from a chosen session. Both keep the protocol's pattern; the search, the
 * capacity re-check and the eligibility gate on every new date stay the booking's own.
 *
 * Moving one session to another day (`otherDayMoveProblems`): the session is judged against its
 * live neighbours in the course (the nearest booked or completed sessions before and after it by
 * number; cancelled and no-show sessions hold no day), `gap` sessions apart:
 * - a course of one session (or a continuous infusion, or one with no live neighbour) may move
 *   to any day;
 * - consecutive days stay consecutive: the new day is exactly `gap` days from each neighbour;
 * - a weekday course stays on consecutive working days: a Monday–Friday exactly `gap` working
 *   days from each neighbour;
 * - "every n days" means at least n days apart: the new day is at least n × `gap` days after the
 *   session before and before the session after (later is a delay; closer would give more
 *   ketamine in less time than the protocol allows).
 * So in a course of several consecutive days or weekdays a session keeps its day; to move it and
 * the sessions after it, the course is re-planned from it.
 *
 * Re-planning from session n (`replanWindow`): the booked sessions numbered n and after are
 * searched afresh as one course of the same protocol (same chair time, their own count), so they
 * keep the pattern among themselves: sessions 4–5 of a five-day course stay on consecutive days
 * with each other. Against the sessions kept before them they start no earlier than the day after
 * the last live one (for "every n days", n days after it), and no earlier than the date asked; the
 * gap this may leave after session n−1 is the point of re-planning. Every session from n on must
 * still be booked and not started; sessions already started or recorded are never touched, and
 * cancelled ones stay cancelled.
 */
import { addCivilDays, type CivilDate, civilDateIso, civilWeekday, parseCivilDate } from './clinic';
import type { Protocol } from './protocol';

/** A session of a course as re-planning sees it: its number, clinic-local day and state. */
export interface CourseSessionDay {
  id: string;
  sessionNumber: number;
  /** Clinic-local date (YYYY-MM-DD) the session starts on. */
  date: string;
  status: string;
  /** The session has started (or checked in): it is recorded, never moved. */
  started: boolean;
}

export type OtherDayMoveCode = 'MOVE_BREAKS_CONSECUTIVE_DAYS' | 'MOVE_BREAKS_WEEKDAYS' | 'MOVE_TOO_CLOSE';

export type ReplanCode =
  'REPLAN_NO_SUCH_SESSION' | 'REPLAN_SESSION_STARTED' | 'REPLAN_NOTHING_TO_MOVE' | 'REPLAN_TOO_EARLY';

export interface CourseDayProblem<Code extends string> {
  code: Code;
  message: string;
}

/** The statuses that hold a day of the course. */
function holdsDay(s: CourseSessionDay): boolean {
  return s.status === 'BOOKED' || s.status === 'COMPLETED';
}

function daysBetween(from: string, to: string): number {
  const a = parseCivilDate(from);
  const b = parseCivilDate(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

function isWorkingDay(date: CivilDate): boolean {
  return civilWeekday(date) <= 5;
}

/** The date `count` working days (Mon–Fri) after `from` (before it when negative). */
function addWorkingDays(from: string, count: number): string {
  let date = parseCivilDate(from);
  const step = count < 0 ? -1 : 1;
  for (let left = Math.abs(count); left > 0;) {
    date = addCivilDays(date, step);
    if (isWorkingDay(date)) left--;
  }
  return civilDateIso(date);
}

/** Sessions in one course: the session pattern's count (a continuous infusion is one). */
function isOneSession(protocol: Protocol, sessions: readonly CourseSessionDay[]): boolean {
  const p = protocol.pattern;
  if (p.kind === 'CONTINUOUS' || p.kind === 'NONE') return true;
  return sessions.length <= 1;
}

/**
 * Why session `sessionNumber` of a course may not move to `toDate` (clinic-local), or [] when the
 * protocol's pattern allows it (see the file's comment for the rule). Its own day is always allowed.
 */
export function otherDayMoveProblems(
  protocol: Protocol,
  sessions: readonly CourseSessionDay[],
  sessionNumber: number,
  toDate: string,
): CourseDayProblem<OtherDayMoveCode>[] {
  const self = sessions.find((s) => s.sessionNumber === sessionNumber);
  if (!self || self.date === toDate || isOneSession(protocol, sessions)) return [];
  const live = sessions.filter((s) => s.sessionNumber !== sessionNumber && holdsDay(s));
  const before = live.filter((s) => s.sessionNumber < sessionNumber).at(-1);
  const after = live.find((s) => s.sessionNumber > sessionNumber);
  const neighbours = [before, after].filter((s): s is CourseSessionDay => s !== undefined);
  const p = protocol.pattern;
  const problems: CourseDayProblem<OtherDayMoveCode>[] = [];
  for (const n of neighbours) {
    const gap = sessionNumber - n.sessionNumber;
    const side = gap > 0 ? `after session ${n.sessionNumber}` : `before session ${n.sessionNumber}`;
    const span = Math.abs(gap);
    if (p.kind === 'CONSECUTIVE_DAYS') {
      const required = civilDateIso(addCivilDays(parseCivilDate(n.date), gap));
      if (required !== toDate)
        problems.push({
          code: 'MOVE_BREAKS_CONSECUTIVE_DAYS',
          message: `Session ${sessionNumber} of a course on consecutive days must be on ${required}, ${span === 1 ? 'the day' : `${span} days`} ${side} (${n.date}), not ${toDate}; re-plan from session ${sessionNumber} to move it and the sessions after it.`,
        });
    } else if (p.kind === 'WEEKDAYS') {
      const required = addWorkingDays(n.date, gap);
      if (required !== toDate)
        problems.push({
          code: 'MOVE_BREAKS_WEEKDAYS',
          message: `Session ${sessionNumber} of a course on consecutive weekdays must be on ${required}, ${span === 1 ? 'the working day' : `${span} working days`} ${side} (${n.date}), not ${toDate}; re-plan from session ${sessionNumber} to move it and the sessions after it.`,
        });
    } else if (p.kind === 'EVERY_N_DAYS') {
      const least = p.n * span;
      const apart = gap > 0 ? daysBetween(n.date, toDate) : daysBetween(toDate, n.date);
      if (apart < least)
        problems.push({
          code: 'MOVE_TOO_CLOSE',
          message: `Session ${sessionNumber} must be at least ${least} days ${side} (${n.date}); ${toDate} is ${apart < 0 ? 'on the wrong side of it' : `${apart} days from it`}.`,
        });
    }
  }
  return problems;
}

/** What re-planning a course from one session searches, or why it cannot. */
export type ReplanWindow =
  | {
      ok: true;
      /** The booked sessions re-planned, by number: each gets the plan's session at its index. */
      moving: CourseSessionDay[];
      /** The protocol as a course of just those sessions, pattern kept. */
      protocol: Protocol;
      /** Their count, for a weekday course's search. */
      sessions: number;
      /** The first clinic-local date the re-planned sessions may use (the later of the two below). */
      searchFrom: string;
      /** The first date the pattern allows after the sessions kept, or null when none is kept. */
      afterKept: string | null;
      /** The rule, in words, for the desk. */
      rule: string;
    }
  | { ok: false; problems: CourseDayProblem<ReplanCode>[] };

/** The protocol as a course of `count` sessions of the same pattern and chair time. */
export function remainderProtocol(protocol: Protocol, count: number): Protocol {
  const p = protocol.pattern;
  switch (p.kind) {
    case 'CONSECUTIVE_DAYS':
      return { ...protocol, pattern: { kind: 'CONSECUTIVE_DAYS', sessions: count } };
    case 'EVERY_N_DAYS':
      return { ...protocol, pattern: { kind: 'EVERY_N_DAYS', n: p.n, sessions: count } };
    case 'WEEKDAYS':
      return { ...protocol, pattern: { kind: 'WEEKDAYS', minSessions: count, maxSessions: count } };
    case 'CONTINUOUS':
    case 'NONE':
      return protocol;
  }
}

/**
 * What re-planning a course from session `fromSession`, no earlier than `earliest` (clinic-local
 * date), searches: the sessions it moves, the protocol of their search and the first date.
 */
export function replanWindow(
  protocol: Protocol,
  sessions: readonly CourseSessionDay[],
  fromSession: number,
  earliest: string,
): ReplanWindow {
  const sorted = [...sessions].sort((a, b) => a.sessionNumber - b.sessionNumber);
  if (!sorted.some((s) => s.sessionNumber === fromSession))
    return {
      ok: false,
      problems: [{ code: 'REPLAN_NO_SUCH_SESSION', message: `The course has no session ${fromSession}.` }],
    };
  const rest = sorted.filter((s) => s.sessionNumber >= fromSession && s.status !== 'CANCELLED');
  const recorded = rest.filter((s) => s.started || s.status !== 'BOOKED');
  if (recorded.length > 0)
    return {
      ok: false,
      problems: recorded.map((s) => ({
        code: 'REPLAN_SESSION_STARTED' as const,
        message: `Session ${s.sessionNumber} has ${s.status === 'BOOKED' ? 'started' : `been recorded (${s.status.toLowerCase().replace('_', '-')})`}; re-plan from session ${s.sessionNumber + 1} or later.`,
      })),
    };
  if (rest.length === 0)
    return {
      ok: false,
      problems: [
        {
          code: 'REPLAN_NOTHING_TO_MOVE',
          message: `No booked session from session ${fromSession} on is left to re-plan.`,
        },
      ],
    };
  const kept = sorted.filter((s) => s.sessionNumber < fromSession && holdsDay(s)).at(-1);
  const p = protocol.pattern;
  const spacing = p.kind === 'EVERY_N_DAYS' ? p.n : 1;
  const afterKept = kept ? civilDateIso(addCivilDays(parseCivilDate(kept.date), spacing)) : null;
  const searchFrom = afterKept && afterKept > earliest ? afterKept : earliest;
  const first = rest[0].sessionNumber;
  const last = rest.at(-1)!.sessionNumber;
  const named = first === last ? `Session ${first}` : `Sessions ${first}–${last}`;
  const pattern =
    rest.length === 1
      ? ' starts'
      : p.kind === 'WEEKDAYS'
        ? ' stay on consecutive weekdays with each other, starting'
        : p.kind === 'EVERY_N_DAYS'
          ? ` stay ${p.n} days apart, starting`
          : ' stay on consecutive days with each other, starting';
  const from = kept
    ? ` no earlier than ${searchFrom} (the pattern allows ${afterKept} at the soonest, ${spacing === 1 ? 'the day' : `${spacing} days`} after session ${kept.sessionNumber})`
    : ` no earlier than ${searchFrom}`;
  return {
    ok: true,
    moving: rest,
    protocol: remainderProtocol(protocol, rest.length),
    sessions: rest.length,
    searchFrom,
    afterKept,
    rule: `${named}${pattern}${from}.`,
  };
}

/**
 * Why the re-planned sessions' new dates (clinic-local, in session order) do not fit after the
 * sessions kept, or [] when they do; the pattern among themselves is the plan re-check's.
 */
export function replanDateProblems(
  window: Extract<ReplanWindow, { ok: true }>,
  dates: readonly string[],
): CourseDayProblem<ReplanCode>[] {
  if (window.afterKept === null || dates.length === 0 || dates[0] >= window.afterKept) return [];
  return [
    {
      code: 'REPLAN_TOO_EARLY',
      message: `Session ${window.moving[0].sessionNumber} on ${dates[0]} comes too soon after the sessions kept; the earliest day the pattern allows is ${window.afterKept}.`,
    },
  ];
}
