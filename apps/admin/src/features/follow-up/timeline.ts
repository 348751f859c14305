// A patient's follow-up timeline as the chart and the table draw it: every score in time order
// across courses, boosters, infusions and follow-ups, and the relief periods the API's relief
// figures (libs/domain courseRelief) give. Nothing here decides relief: it only places it in time.
import { DateTime } from 'luxon';

export interface TimelineSource {
  timeZone: string;
  courses: readonly {
    id: string;
    kind: 'INITIAL' | 'BOOSTER';
    status: string;
    protocol: { name: string };
    baselinePainNrs: number | null;
    baselinePainInterference: number | null;
    firstSessionOn: string | null;
    lastSessionOn: string | null;
    sessions: readonly {
      appointmentId: string;
      sessionNumber: number;
      startsAt: string;
      status: string;
      painBefore: number | null;
      painAfter: number | null;
    }[];
    followUps: readonly {
      id: string;
      window: { offsetDays: number };
      state: { status: string };
      records: readonly {
        id: string;
        recordedAt: string;
        channel: string;
        insideWindow: boolean;
        painNrsNow: number;
        painNrs7DayAverage: number;
        painInterference: { tScore: number };
        phq9: { total: number };
        bladder: { positive: readonly string[]; review: unknown };
      }[];
    }[];
    relief?: {
      measurements: readonly {
        recordId: string;
        sevenDayAverage: { percentReduction: number | null };
        reliefHeld: boolean | null;
        counted: boolean;
      }[];
      outcome: { code: string; day: number | null; on: string | null; recordIds: readonly string[] };
      reasons: readonly { message: string }[];
    } | null;
  }[];
}

export type TimelineEventKind = 'BASELINE' | 'SESSION' | 'FOLLOW_UP';

/** One row of the table and (where it has scores) one point of the chart. */
export interface TimelineRow {
  key: string;
  kind: TimelineEventKind;
  atMs: number;
  courseId: string;
  /** "Course 1 · IV 5-day" / "Booster 1 · …" */
  courseLabel: string;
  /** What happened: "Baseline (before the course)", "Session 2", "Day 28 follow-up". */
  event: string;
  painNow: number | null;
  painAverage: number | null;
  /** Pain before the infusion, for a session. */
  painBefore: number | null;
  painAfter: number | null;
  promisT: number | null;
  /** The booking's 0–10 pain interference, on a baseline row. */
  baselineInterference?: number | null;
  phq9: number | null;
  /** % reduction of the 7-day average from the course's baseline, from the API's relief figures. */
  percentReduction: number | null;
  reliefHeld: boolean | null;
  recordId?: string;
  channel?: string;
  insideWindow?: boolean;
  bladderPositive?: readonly string[];
  bladderReviewed?: boolean;
}

/** A stretch of time relief held, shaded on the chart. */
export interface ReliefBand {
  courseId: string;
  fromMs: number;
  toMs: number;
  /** Whether the band ends at a loss (else the course is censored there: still responding, lost to follow-up…). */
  ended: 'LOST' | 'CENSORED';
  label: string;
}

/** A vertical mark where a course or booster begins. */
export interface CourseMark {
  courseId: string;
  atMs: number;
  label: string;
}

export interface TimelineView {
  rows: TimelineRow[];
  bands: ReliefBand[];
  marks: CourseMark[];
  /** Per course, the relief outcome in words (the API's reasons). */
  relief: { courseId: string; courseLabel: string; outcome: string; reasons: string[] }[];
}

const dayStartMs = (date: string, zone: string) => DateTime.fromISO(date, { zone }).startOf('day').toMillis();

/** Course labels number initial courses and boosters separately, oldest first. */
function courseLabels(source: TimelineSource): Map<string, string> {
  const labels = new Map<string, string>();
  let courses = 0;
  let boosters = 0;
  for (const course of source.courses) {
    const n = course.kind === 'BOOSTER' ? ++boosters : ++courses;
    labels.set(course.id, `${course.kind === 'BOOSTER' ? 'Booster' : 'Course'} ${n} · ${course.protocol.name}`);
  }
  return labels;
}

export const OUTCOME_LABELS: Record<string, string> = {
  RELIEF_LOST: 'Relief lost',
  STILL_RESPONDING: 'Still responding',
  LOST_TO_FOLLOW_UP: 'Lost to follow-up',
  NEW_COURSE_STARTED: 'A new course began',
  NO_BASELINE: 'No baseline pain score',
  NO_FOLLOW_UP: 'No follow-up yet',
};

export function timelineView(source: TimelineSource): TimelineView {
  const zone = source.timeZone;
  const labels = courseLabels(source);
  const rows: TimelineRow[] = [];
  const bands: ReliefBand[] = [];
  const marks: CourseMark[] = [];
  const relief: TimelineView['relief'] = [];
  const blank = {
    painNow: null,
    painAverage: null,
    painBefore: null,
    painAfter: null,
    promisT: null,
    phq9: null,
    percentReduction: null,
    reliefHeld: null,
  };

  for (const course of source.courses) {
    if (course.status === 'CANCELLED') continue;
    const courseLabel = labels.get(course.id)!;
    const sessions = course.sessions.filter((s) => s.status !== 'CANCELLED');
    const startMs = sessions.length
      ? Math.min(...sessions.map((s) => Date.parse(s.startsAt)))
      : course.firstSessionOn
        ? dayStartMs(course.firstSessionOn, zone)
        : null;
    if (startMs !== null) {
      marks.push({ courseId: course.id, atMs: startMs, label: courseLabel });
      if (course.baselinePainNrs !== null || course.baselinePainInterference !== null)
        rows.push({
          ...blank,
          key: `${course.id}-baseline`,
          kind: 'BASELINE',
          // Just before the first session, so the baseline reads before the infusion's own scores.
          atMs: startMs - 1,
          courseId: course.id,
          courseLabel,
          event: 'Baseline (before the course)',
          painAverage: course.baselinePainNrs,
          // Booked on a 0–10 interference scale, not PROMIS: it is shown beside the event, never on the T axis.
          baselineInterference: course.baselinePainInterference,
        });
    }
    for (const session of sessions)
      rows.push({
        ...blank,
        key: session.appointmentId,
        kind: 'SESSION',
        atMs: Date.parse(session.startsAt),
        courseId: course.id,
        courseLabel,
        event: `Session ${session.sessionNumber}${session.status === 'NO_SHOW' ? ' (no-show)' : ''}`,
        painBefore: session.painBefore,
        painAfter: session.painAfter,
      });
    const measured = new Map((course.relief?.measurements ?? []).map((m) => [m.recordId, m]));
    for (const followUp of course.followUps)
      for (const record of followUp.records) {
        const m = measured.get(record.id);
        rows.push({
          ...blank,
          key: record.id,
          kind: 'FOLLOW_UP',
          atMs: Date.parse(record.recordedAt),
          courseId: course.id,
          courseLabel,
          event: `Day ${followUp.window.offsetDays} follow-up`,
          painNow: record.painNrsNow,
          painAverage: record.painNrs7DayAverage,
          promisT: record.painInterference.tScore,
          phq9: record.phq9.total,
          percentReduction: m?.counted ? m.sevenDayAverage.percentReduction : null,
          reliefHeld: m?.counted ? m.reliefHeld : null,
          recordId: record.id,
          channel: record.channel,
          insideWindow: record.insideWindow,
          bladderPositive: record.bladder.positive,
          bladderReviewed: record.bladder.review !== null,
        });
      }

    if (course.relief) {
      relief.push({
        courseId: course.id,
        courseLabel,
        outcome: OUTCOME_LABELS[course.relief.outcome.code] ?? course.relief.outcome.code,
        reasons: course.relief.reasons.map((r) => r.message),
      });
      const { outcome } = course.relief;
      // Relief is shaded only where a follow-up found it held: from the course's last session to the
      // loss (or to where the course is censored). A first follow-up already below the line shades nothing.
      const held = course.relief.measurements.some((m) => m.counted && m.reliefHeld === true);
      const completed = sessions.filter((x) => x.status === 'COMPLETED').map((x) => Date.parse(x.startsAt));
      // To the record the outcome rests on (the loss, or the last contact), or to the day a new course began.
      const recordMs = rows
        .filter((r) => r.recordId !== undefined && course.relief!.outcome.recordIds.includes(r.recordId))
        .map((r) => r.atMs);
      if (held && course.lastSessionOn && outcome.on)
        bands.push({
          courseId: course.id,
          fromMs: completed.length ? Math.max(...completed) : dayStartMs(course.lastSessionOn, zone),
          toMs: Math.max(dayStartMs(outcome.on, zone), ...recordMs),
          ended: outcome.code === 'RELIEF_LOST' ? 'LOST' : 'CENSORED',
          label: `${courseLabel}: ${OUTCOME_LABELS[outcome.code] ?? outcome.code}${outcome.day !== null ? ` at day ${outcome.day}` : ''}`,
        });
    }
  }
  rows.sort((a, b) => a.atMs - b.atMs || a.key.localeCompare(b.key));
  marks.sort((a, b) => a.atMs - b.atMs);
  return { rows, bands, marks, relief };
}
