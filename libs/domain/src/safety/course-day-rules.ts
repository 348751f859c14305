/**
 * The rules that change the days of a booked course (a session moved to another day, the rest of
 * a course re-planned) for the safety registry. Each reason code is listed, so a new one cannot
 * be added without a decision here.
 */
import type { OtherDayMoveCode, ReplanCode } from '../scheduling/replan';

const CODES: Record<OtherDayMoveCode | ReplanCode, { summary: string; safetyRelevant: boolean }> = {
  MOVE_BREAKS_CONSECUTIVE_DAYS: {
    summary:
      'A session of a course on consecutive days moves to another day only where it stays exactly one day per session from its live neighbours',
    safetyRelevant: true,
  },
  MOVE_BREAKS_WEEKDAYS: {
    summary:
      'A session of a weekday course moves to another day only where it stays on consecutive working days with its live neighbours',
    safetyRelevant: true,
  },
  MOVE_TOO_CLOSE: {
    summary:
      'A session of an "every n days" course never moves closer than n days (per session between) to its live neighbours',
    safetyRelevant: true,
  },
  REPLAN_NO_SUCH_SESSION: {
    summary: 'A course is re-planned only from a session it has',
    safetyRelevant: false,
  },
  REPLAN_SESSION_STARTED: {
    summary: 'Re-planning never moves a session that has started or is recorded (completed, no-show)',
    safetyRelevant: true,
  },
  REPLAN_NOTHING_TO_MOVE: {
    summary: 'Re-planning needs a booked session from the chosen one on',
    safetyRelevant: false,
  },
  REPLAN_TOO_EARLY: {
    summary:
      'Re-planned sessions start no earlier than the pattern allows after the last session kept (the next day, or n days for "every n days"), and keep the pattern among themselves',
    safetyRelevant: true,
  },
};

export const COURSE_DAY_RULES: readonly { id: string; summary: string; safetyRelevant: boolean }[] = Object.entries(
  CODES,
).map(([code, rule]) => ({ id: `course-days.${code}`, ...rule }));
