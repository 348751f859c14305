/**
 * Moving one session of a booked course. The session keeps its protocol's chair time and resource
 * kind; the rest of the course stays where it is, so the search and the re-check see a one-session
 * course of the same protocol (a continuous infusion is already one session).
 *
 * On its own clinic-local date a session may take any other chair or time; whether it may move to
 * another day is the pattern's question (`otherDayMoveProblems` in replan.ts).
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

/** The clinic-local date (YYYY-MM-DD) a session starts on. */
export function rescheduleDate(original: Pick<SessionTimes, 'start'>, timeZone: string): string {
  return DateTime.fromMillis(parseUtcMs(original.start), { zone: timeZone }).toISODate()!;
}

export type RescheduleProblemCode = 'CLINIC_CLOSED';

export interface RescheduleProblem {
  code: RescheduleProblemCode;
  message: string;
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
