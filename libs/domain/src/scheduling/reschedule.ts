/**
 * Moving one session of a booked course. The session keeps its protocol's chair time and resource
 * kind; the rest of the course stays where it is, so the search and the re-check see a one-session
 * course of the same protocol (a continuous infusion is already one session).
 *
 * A move keeps the session on its clinic-local date (another chair or time that day), so the
 * course keeps its pattern: consecutive days stay consecutive, "every n days" stays n days apart.
 * Moving a session to another day is cancelling the course and booking it again.
 */
import { DateTime } from 'luxon';
import { type ClinicClosure, parseUtcMs } from './clinic';
import { type BookedSession, strandedByClosure } from './closure-impact';
import type { Protocol } from './protocol';
import type { SessionTimes } from './session-changes';

export function singleSessionProtocol(protocol: Protocol): Protocol {
  switch (protocol.pattern.kind) {
    case 'CONSECUTIVE_DAYS':
    case 'WEEKDAYS':
    case 'EVERY_N_DAYS':
      return { ...protocol, pattern: { kind: 'CONSECUTIVE_DAYS', sessions: 1 } };
    case 'CONTINUOUS':
    case 'NONE':
      return protocol;
  }
}

/** The clinic-local date (YYYY-MM-DD) a session starts on: the only date it can be moved within. */
export function rescheduleDate(original: Pick<SessionTimes, 'start'>, timeZone: string): string {
  return DateTime.fromMillis(parseUtcMs(original.start), { zone: timeZone }).toISODate()!;
}

export type RescheduleProblemCode = 'RESCHEDULE_OTHER_DAY' | 'CLINIC_CLOSED';

export interface RescheduleProblem {
  code: RescheduleProblemCode;
  message: string;
}

/** Why `proposed` is not a move of `original` a reschedule may make (empty when it is). */
export function rescheduleProblem(
  original: Pick<SessionTimes, 'start'>,
  proposed: Pick<SessionTimes, 'start'>,
  timeZone: string,
): RescheduleProblem[] {
  const from = rescheduleDate(original, timeZone);
  const to = rescheduleDate(proposed, timeZone);
  if (from === to) return [];
  return [
    {
      code: 'RESCHEDULE_OTHER_DAY',
      message: `A session moves only within its own day (${from}), not to ${to}; to change the days, cancel the course and book it again.`,
    },
  ];
}

/**
 * Why the session's own day offers no other chair or time: a closure shuts the outpatient chairs
 * on a date the session starts on or runs into (beds stay open), so a same-day search finds
 * nothing because of the closure, not because the chairs are full. One problem per closure.
 */
export function closedDayProblems(
  session: BookedSession,
  closures: readonly ClinicClosure[],
  timeZone: string,
): (RescheduleProblem & { code: 'CLINIC_CLOSED' })[] {
  return closures
    .filter((closure) => strandedByClosure([session], closure, timeZone).length > 0)
    .map((closure) => {
      const days = closure.from === closure.to ? `on ${closure.from}` : `from ${closure.from} to ${closure.to}`;
      const why = closure.reason?.trim() ? ` (${closure.reason.trim()})` : '';
      return {
        code: 'CLINIC_CLOSED' as const,
        message: `The clinic is closed ${days}${why}, so no chair is free for this session that day.`,
      };
    });
}
