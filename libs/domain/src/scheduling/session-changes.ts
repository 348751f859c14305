/**
 * When a booked session may still change. Moving or cancelling is for sessions that have not
 * started; once a session starts it is recorded instead (completed, or a no-show), so the chart
 * never loses a session that happened. A course is cancelled as a whole only when no session of
 * it is under way: the session in the chair is finished or marked first.
 */
import { parseUtcMs } from './clinic';

/** A session's instants (UTC ISO, end exclusive). */
export interface SessionTimes {
  start: string;
  end: string;
}

export type SessionChangeCode = 'SESSION_STARTED' | 'COURSE_NOT_BOOKED' | 'SESSION_UNDER_WAY';

export interface SessionChangeProblem {
  code: SessionChangeCode;
  message: string;
}

/** The session has started by `nowMs` (its start is not after now). */
export function hasStarted(session: Pick<SessionTimes, 'start'>, nowMs: number): boolean {
  return parseUtcMs(session.start) <= nowMs;
}

/** The session is in progress at `nowMs`: started and not yet over. */
export function isUnderWay(session: SessionTimes, nowMs: number): boolean {
  return hasStarted(session, nowMs) && nowMs < parseUtcMs(session.end);
}

/**
 * Why a booked session of a course cannot be moved or cancelled at `nowMs`, or null when it can:
 * it must not have started, and its course must still be booked.
 */
export function sessionChangeProblem(
  session: Pick<SessionTimes, 'start'>,
  courseStatus: string,
  nowMs: number,
): SessionChangeProblem | null {
  if (courseStatus !== 'BOOKED') {
    return {
      code: 'COURSE_NOT_BOOKED',
      message: `The course is ${courseStatus.toLowerCase()}; its sessions can no longer be moved or cancelled.`,
    };
  }
  if (hasStarted(session, nowMs)) {
    return {
      code: 'SESSION_STARTED',
      message: 'The session has started; record it as completed or a no-show instead of moving or cancelling it.',
    };
  }
  return null;
}

/** A session of a course as cancelling the course sees it. */
export interface CourseSession extends SessionTimes {
  id: string;
  status: string;
}

export interface CourseCancellation {
  /** Booked sessions that have not started: these are cancelled with the course. */
  cancel: string[];
  /** Booked sessions in progress: while any is, the course cannot be cancelled. */
  underWay: string[];
  /** Why the course cannot be cancelled now, or null. */
  problem: SessionChangeProblem | null;
}

/** What cancelling a course at `nowMs` does to its sessions; sessions already over are left as they are. */
export function courseCancellation(sessions: readonly CourseSession[], nowMs: number): CourseCancellation {
  const booked = sessions.filter((s) => s.status === 'BOOKED');
  const underWay = booked.filter((s) => isUnderWay(s, nowMs)).map((s) => s.id);
  return {
    cancel: booked.filter((s) => !hasStarted(s, nowMs)).map((s) => s.id),
    underWay,
    problem: underWay.length
      ? {
          code: 'SESSION_UNDER_WAY',
          message: 'A session of this course is under way; finish it or mark it first, then cancel the course.',
        }
      : null,
  };
}
