import { DateTime, IANAZone } from 'luxon';
import { isCalendarDate } from '../patient';
import { addDays } from '../screening/dates';
import { DEFAULT_FOLLOW_UP_SETTINGS, type FollowUpSettings, type FollowUpWindowBand } from './settings';

/** What a schedule is made from: a course whose last session is signed, and its protocol's offsets. */
export interface CompletedCourse {
  /** The clinic calendar date (YYYY-MM-DD) of the course's last session. */
  lastSessionOn: string;
  /** Days after the last session when relief is measured (the protocol's `followUpOffsetsDays`). */
  followUpOffsetsDays: readonly number[];
  /** The clinic's IANA zone: days begin and end at the clinic's midnight. */
  timeZone: string;
}

/**
 * One follow-up with its window. Dates are clinic calendar dates; the window is open from the
 * clinic's midnight starting `opensOn` (`opensAtMs`) up to, not including, the midnight ending
 * `closesOn` (`closesAtMs`), so a day of a clock change is 23 or 25 real hours long.
 */
export interface ScheduledFollowUp {
  offsetDays: number;
  timeZone: string;
  dueOn: string;
  opensOn: string;
  /** The last day of the window (inclusive). */
  closesOn: string;
  /** The clinic's midnight starting the due date. */
  dueAtMs: number;
  opensAtMs: number;
  /** The first instant the window is closed. */
  closesAtMs: number;
}

/**
 * The follow-ups of a completed course: each due `offsetDays` clinic days after the last session,
 * its window widened for later offsets by the clinic's bands. Windows never overlap, so one call
 * answers one follow-up: a window opens no earlier than the day after the previous due date and
 * closes the day before the next window opens.
 */
export function followUpSchedule(
  course: CompletedCourse,
  settings: Pick<FollowUpSettings, 'windows'> = DEFAULT_FOLLOW_UP_SETTINGS,
): ScheduledFollowUp[] {
  if (!isCalendarDate(course.lastSessionOn)) throw new RangeError(`Not a calendar date: ${course.lastSessionOn}`);
  if (!IANAZone.isValidZone(course.timeZone)) throw new RangeError(`Unknown time zone: ${course.timeZone}`);
  const offsets = [...course.followUpOffsetsDays].sort((a, b) => a - b);
  const dues = offsets.map((offset) => addDays(course.lastSessionOn, offset));
  const opens = offsets.map((offset, i) => {
    const wide = addDays(dues[i], -bandFor(offset, settings.windows).daysBefore);
    return i > 0 ? later(wide, addDays(dues[i - 1], 1)) : wide;
  });
  return offsets.map((offsetDays, i) => {
    const wide = addDays(dues[i], bandFor(offsetDays, settings.windows).daysAfter);
    const closesOn = i + 1 < offsets.length ? earlier(wide, addDays(opens[i + 1], -1)) : wide;
    return {
      offsetDays,
      timeZone: course.timeZone,
      dueOn: dues[i],
      opensOn: opens[i],
      closesOn,
      dueAtMs: clinicMidnight(dues[i], course.timeZone),
      opensAtMs: clinicMidnight(opens[i], course.timeZone),
      closesAtMs: clinicMidnight(addDays(closesOn, 1), course.timeZone),
    };
  });
}

/** The band for an offset: the last one starting at or before it (the first for anything earlier). */
function bandFor(offsetDays: number, bands: readonly FollowUpWindowBand[]): FollowUpWindowBand {
  if (bands.length === 0) throw new RangeError('Follow-up settings need at least one window band');
  let band = bands[0];
  for (const b of bands) if (b.fromOffsetDays <= offsetDays) band = b;
  return band;
}

/** The instant a clinic calendar day begins (its first existing minute, should midnight be skipped). */
export function clinicMidnight(date: string, timeZone: string): number {
  return DateTime.fromISO(date, { zone: timeZone }).startOf('day').toMillis();
}

/** The clinic calendar date at an instant. */
export function clinicDateAt(atMs: number, timeZone: string): string {
  return DateTime.fromMillis(atMs, { zone: timeZone }).toISODate()!;
}

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);
