import { DateTime } from 'luxon';
import type { ReliefObservation } from '../outcomes/kaplan-meier';
import { DEFAULT_RESPONDER_SETTINGS, reductionFromBaseline, type ResponderSettings } from '../outcomes/responders';
import { clinicDateAt } from './schedule';

/**
 * How long one course's relief lasted, follow-up by follow-up, as a Kaplan–Meier observation.
 *
 * The score is the 7-day average pain (NRS 0–10) against the pre-course baseline: IMMPACT's
 * primary outcome is average pain intensity over a recall period, and a week's average is not
 * moved by the hour of the call or one bad day the way "pain now" is, so one reading cannot end
 * relief on its own. Pain now is worked out beside it and reported, never used to decide.
 *
 * Days count from the course's last session (clinic dates). Relief is lost at the first follow-up
 * record (in time) whose 7-day average falls below the chosen line (≥ 30 % by default, IMMPACT's
 * moderately important change; a reduction of exactly the threshold holds). Otherwise the course
 * is censored, the first cause in time deciding:
 * - LOST_TO_FOLLOW_UP: a follow-up window closed with no record after the last contact (one miss
 *   is enough: relief past the last contact is unknown); censored at the last contact.
 * - NEW_COURSE_STARTED: another course or booster began before relief was lost; censored at its
 *   start, and records from then on measure the new treatment, not this one.
 * - STILL_RESPONDING: relief held at the last contact; censored there.
 * NO_BASELINE (none, out of range, or 0, where a percent is undefined) and NO_FOLLOW_UP (no record
 * before a new course, or none yet) give no observation: the course is left out of a curve.
 */
export type ReliefLine = 'MODERATE' | 'SUBSTANTIAL' | 'POINTS';

export interface ReliefSettings {
  responder: Pick<ResponderSettings, 'moderatePercent' | 'substantialPercent' | 'minimumPoints'>;
  /** The responder line relief is held above: ≥ moderatePercent, ≥ substantialPercent, or ≥ minimumPoints. */
  line: ReliefLine;
}

export const DEFAULT_RELIEF_SETTINGS: Readonly<ReliefSettings> = {
  responder: DEFAULT_RESPONDER_SETTINGS,
  line: 'MODERATE',
};

export interface ReliefCourse {
  id: string;
  /** The clinic date (YYYY-MM-DD) of the course's last session. */
  lastSessionOn: string;
  /** Pre-course pain, NRS 0–10; null when not recorded. */
  baselinePainNrs: number | null;
  /** The clinic's IANA zone, in which records' dates are read. */
  timeZone: string;
}

export interface ReliefRecord {
  id: string;
  recordedAtMs: number;
  painNrs7DayAverage: number;
  painNrsNow: number;
}

export interface ReliefFollowUp {
  id: string;
  offsetDays: number;
  /** The first instant its window is closed. */
  closesAtMs: number;
  records: readonly ReliefRecord[];
}

/** Another course or booster of the patient; only one begun by `asOfMs` censors. */
export interface LaterCourse {
  id: string;
  kind: 'COURSE' | 'BOOSTER';
  /** When its first session starts. */
  startsAtMs: number;
}

/** One score against the baseline; the reductions are null without a usable baseline. */
export interface ScoreAgainstBaseline {
  painNrs: number;
  pointsReduction: number | null;
  percentReduction: number | null;
  moderate: boolean | null;
  substantial: boolean | null;
  pointsMet: boolean | null;
}

export interface ReliefMeasurement {
  followUpId: string;
  recordId: string;
  offsetDays: number;
  recordedAtMs: number;
  recordedOn: string;
  /** Clinic days after the last session. */
  day: number;
  /** The primary score. */
  sevenDayAverage: ScoreAgainstBaseline;
  /** Reported beside the primary score; it decides nothing. */
  painNow: ScoreAgainstBaseline;
  /** Whether the 7-day average is at or above the chosen line; null without a usable baseline or score. */
  reliefHeld: boolean | null;
  /** False for a record taken once a later course had begun (it measures that one), or with a score out of range. */
  counted: boolean;
}

export type ReliefOutcomeCode =
  'RELIEF_LOST' | 'STILL_RESPONDING' | 'LOST_TO_FOLLOW_UP' | 'NEW_COURSE_STARTED' | 'NO_BASELINE' | 'NO_FOLLOW_UP';

export type ReliefReasonCode = ReliefOutcomeCode | 'NO_BASELINE_PAIN' | 'NEVER_RESPONDED' | 'NRS_OUT_OF_RANGE';

/** The rule each reason code comes from; the safety registry lists them. */
export const RELIEF_RULE_IDS: Readonly<Record<ReliefReasonCode, string>> = {
  RELIEF_LOST: 'relief.lost',
  NEVER_RESPONDED: 'relief.lost',
  STILL_RESPONDING: 'relief.censoring',
  LOST_TO_FOLLOW_UP: 'relief.censoring',
  NEW_COURSE_STARTED: 'relief.censoring',
  NO_BASELINE: 'relief.baseline',
  NO_BASELINE_PAIN: 'relief.baseline',
  NO_FOLLOW_UP: 'relief.censoring',
  NRS_OUT_OF_RANGE: 'relief.score',
};

export interface ReliefReason {
  code: ReliefReasonCode;
  ruleId: string;
  message: string;
}

export interface ReliefOutcome {
  code: ReliefOutcomeCode;
  /** Days after the last session of the loss or the censoring; null when there is no observation. */
  day: number | null;
  on: string | null;
  /** The follow-ups (and their records) the outcome rests on: the loss, the last contact, the missed windows. */
  followUpIds: string[];
  recordIds: string[];
  /** The course whose start censored this one. */
  laterCourseId?: string;
}

/** Whether any counted record reached a line, and which did. */
export interface ResponderSummary {
  /** Null without a usable baseline or any counted record. */
  met: boolean | null;
  followUpIds: string[];
  recordIds: string[];
}

export interface CourseRelief {
  courseId: string;
  baselinePainNrs: number | null;
  lastSessionOn: string;
  line: ReliefLine;
  /** Every record of the course's follow-ups taken by `asOfMs`, in time order. */
  measurements: ReliefMeasurement[];
  /** Responder by each line, on the 7-day average, at any counted record. */
  responder: Record<ReliefLine, ResponderSummary>;
  outcome: ReliefOutcome;
  /** For a Kaplan–Meier curve; null for NO_BASELINE and NO_FOLLOW_UP. */
  observation: ReliefObservation | null;
  reasons: ReliefReason[];
}

const reason = (code: ReliefReasonCode, message: string): ReliefReason => ({
  code,
  ruleId: RELIEF_RULE_IDS[code],
  message,
});

const validNrs = (score: number) => Number.isFinite(score) && score >= 0 && score <= 10;

/** The relief of one course at `asOfMs`: every record's figures, and the loss or censoring. */
export function courseRelief(
  course: ReliefCourse,
  followUps: readonly ReliefFollowUp[],
  laterCourses: readonly LaterCourse[],
  settings: ReliefSettings,
  asOfMs: number,
): CourseRelief {
  const { responder, line } = settings;
  const baseline = course.baselinePainNrs;
  const usableBaseline = baseline !== null && validNrs(baseline) && baseline > 0 ? baseline : null;
  const dayOf = (atMs: number) => daysBetween(course.lastSessionOn, clinicDateAt(atMs, course.timeZone));
  const newCourse = laterCourses
    .filter((c) => c.startsAtMs <= asOfMs && dayOf(c.startsAtMs) >= 0)
    .sort((a, b) => a.startsAtMs - b.startsAtMs || compareIds(a.id, b.id))[0];

  const score = (painNrs: number) => scoreAgainst(usableBaseline, painNrs, responder);
  const measurements: ReliefMeasurement[] = followUps
    .flatMap((f) => f.records.map((r) => ({ f, r })))
    .filter(({ r }) => r.recordedAtMs <= asOfMs && dayOf(r.recordedAtMs) >= 0)
    .sort((a, b) => a.r.recordedAtMs - b.r.recordedAtMs || compareIds(a.r.id, b.r.id))
    .map(({ f, r }) => {
      const sevenDayAverage = score(r.painNrs7DayAverage);
      const scored = validNrs(r.painNrs7DayAverage) && validNrs(r.painNrsNow);
      return {
        followUpId: f.id,
        recordId: r.id,
        offsetDays: f.offsetDays,
        recordedAtMs: r.recordedAtMs,
        recordedOn: clinicDateAt(r.recordedAtMs, course.timeZone),
        day: dayOf(r.recordedAtMs),
        sevenDayAverage,
        painNow: score(r.painNrsNow),
        reliefHeld: scored && usableBaseline !== null ? onLine(sevenDayAverage, line) : null,
        counted: scored && (!newCourse || r.recordedAtMs < newCourse.startsAtMs),
      };
    });
  const counted = measurements.filter((m) => m.counted);
  const summary = (l: ReliefLine): ResponderSummary => {
    const met = counted.filter((m) => onLine(m.sevenDayAverage, l));
    return {
      met: usableBaseline === null || counted.length === 0 ? null : met.length > 0,
      followUpIds: unique(met.map((m) => m.followUpId)),
      recordIds: met.map((m) => m.recordId),
    };
  };
  const base = {
    courseId: course.id,
    baselinePainNrs: baseline,
    lastSessionOn: course.lastSessionOn,
    line,
    measurements,
    responder: { MODERATE: summary('MODERATE'), SUBSTANTIAL: summary('SUBSTANTIAL'), POINTS: summary('POINTS') },
  };
  const outOfRange = measurements
    .filter((m) => !validNrs(m.sevenDayAverage.painNrs) || !validNrs(m.painNow.painNrs))
    .map((m) =>
      reason(
        'NRS_OUT_OF_RANGE',
        `Record ${m.recordId} has a pain score outside 0–10 (${m.sevenDayAverage.painNrs}, ${m.painNow.painNrs}) and is not counted`,
      ),
    );
  const finish = (outcome: ReliefOutcome, observation: ReliefObservation | null, ...reasons: ReliefReason[]) => ({
    ...base,
    outcome,
    observation,
    reasons: [...reasons, ...outOfRange],
  });
  const none = (code: 'NO_BASELINE' | 'NO_FOLLOW_UP', why: ReliefReason) =>
    finish({ code, day: null, on: null, followUpIds: [], recordIds: [] }, null, why);

  if (usableBaseline === null)
    return none(
      'NO_BASELINE',
      baseline === 0
        ? reason('NO_BASELINE_PAIN', 'The pre-course pain score was 0, so no reduction can be measured')
        : baseline === null
          ? reason('NO_BASELINE', 'No pre-course pain score was recorded, so no reduction can be measured')
          : reason('NO_BASELINE', `The pre-course pain score ${baseline} is outside 0–10`),
    );
  if (counted.length === 0)
    return none(
      'NO_FOLLOW_UP',
      reason(
        'NO_FOLLOW_UP',
        newCourse
          ? `A new ${words(newCourse.kind)} began on ${clinicDateAt(newCourse.startsAtMs, course.timeZone)} before any follow-up was recorded`
          : 'No follow-up has been recorded yet',
      ),
    );

  const lost = counted.find((m) => !m.reliefHeld);
  if (lost) {
    const never = counted[0] === lost;
    return finish(
      {
        code: 'RELIEF_LOST',
        day: lost.day,
        on: lost.recordedOn,
        followUpIds: [lost.followUpId],
        recordIds: [lost.recordId],
      },
      { time: lost.day, reliefLost: true },
      reason(
        'RELIEF_LOST',
        `Relief lost on ${lost.recordedOn}, day ${lost.day}: 7-day average pain ${lost.sevenDayAverage.painNrs} against ${usableBaseline} before the course, ${describe(lost.sevenDayAverage)}, below ${lineWords(line, responder)}`,
      ),
      ...(never
        ? [reason('NEVER_RESPONDED', `The first follow-up already found pain below ${lineWords(line, responder)}`)]
        : []),
    );
  }

  const last = counted[counted.length - 1];
  const cutoffMs = newCourse ? Math.min(asOfMs, newCourse.startsAtMs) : asOfMs;
  const missed = followUps
    .filter((f) => f.closesAtMs > last.recordedAtMs && f.closesAtMs <= cutoffMs)
    .filter((f) => !f.records.some((r) => r.recordedAtMs <= asOfMs))
    .sort((a, b) => a.closesAtMs - b.closesAtMs);
  const atLast = { day: last.day, on: last.recordedOn };
  const held = `relief held on ${last.recordedOn}, day ${last.day} (7-day average ${last.sevenDayAverage.painNrs} against ${usableBaseline}, ${describe(last.sevenDayAverage)})`;
  if (missed.length > 0)
    return finish(
      {
        code: 'LOST_TO_FOLLOW_UP',
        ...atLast,
        followUpIds: [last.followUpId, ...missed.map((f) => f.id)],
        recordIds: [last.recordId],
      },
      { time: last.day, reliefLost: false },
      reason(
        'LOST_TO_FOLLOW_UP',
        `Lost to follow-up: ${held}; the day-${missed.map((f) => f.offsetDays).join(', day-')} follow-up window${missed.length > 1 ? 's' : ''} closed with no record`,
      ),
    );
  if (newCourse) {
    const on = clinicDateAt(newCourse.startsAtMs, course.timeZone);
    const day = dayOf(newCourse.startsAtMs);
    return finish(
      {
        code: 'NEW_COURSE_STARTED',
        day,
        on,
        followUpIds: [last.followUpId],
        recordIds: [last.recordId],
        laterCourseId: newCourse.id,
      },
      { time: day, reliefLost: false },
      reason(
        'NEW_COURSE_STARTED',
        `A new ${words(newCourse.kind)} began on ${on}, day ${day}, before relief was lost: ${held}`,
      ),
    );
  }
  return finish(
    { code: 'STILL_RESPONDING', ...atLast, followUpIds: [last.followUpId], recordIds: [last.recordId] },
    { time: last.day, reliefLost: false },
    reason('STILL_RESPONDING', `Still responding at the last contact: ${held}`),
  );
}

function scoreAgainst(
  baseline: number | null,
  painNrs: number,
  responder: ReliefSettings['responder'],
): ScoreAgainstBaseline {
  if (baseline === null || !validNrs(painNrs))
    return {
      painNrs,
      pointsReduction: null,
      percentReduction: null,
      moderate: null,
      substantial: null,
      pointsMet: null,
    };
  const r = reductionFromBaseline(baseline, painNrs, responder);
  return {
    painNrs,
    pointsReduction: r.pointsReduction,
    percentReduction: r.percentReduction,
    moderate: r.level !== 'BELOW_MODERATE',
    substantial: r.level === 'SUBSTANTIAL',
    pointsMet: r.pointsResponder,
  };
}

/**
 * For each baseline pain from 1 to 10 (element baseline − 1), the highest whole 7-day average at
 * which the settings' line still holds relief, from −1 (none) to 10: relief is lost at the first
 * counted record above it. The outcome figures read a course's loss day by it in SQL.
 */
export function highestHeldAverages(settings: ReliefSettings): number[] {
  return Array.from({ length: 10 }, (_, i) => {
    let highest = -1;
    for (let average = 0; average <= 10; average++)
      if (onLine(scoreAgainst(i + 1, average, settings.responder), settings.line)) highest = average;
    return highest;
  });
}

function onLine(score: ScoreAgainstBaseline, line: ReliefLine): boolean {
  if (line === 'MODERATE') return score.moderate === true;
  if (line === 'SUBSTANTIAL') return score.substantial === true;
  return score.pointsMet === true;
}

function lineWords(line: ReliefLine, s: ReliefSettings['responder']): string {
  if (line === 'MODERATE') return `the ${s.moderatePercent} % reduction line`;
  if (line === 'SUBSTANTIAL') return `the ${s.substantialPercent} % reduction line`;
  return `the ${s.minimumPoints}-point reduction line`;
}

const describe = (s: ScoreAgainstBaseline) =>
  `a ${round(s.percentReduction ?? 0)} % (${round(s.pointsReduction ?? 0)}-point) reduction`;
const words = (kind: LaterCourse['kind']) => (kind === 'BOOSTER' ? 'booster' : 'course');
const round = (value: number) => Math.round(value * 10) / 10;
const unique = (ids: string[]) => [...new Set(ids)];
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Whole calendar days from one clinic date to another. */
function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days);
}
