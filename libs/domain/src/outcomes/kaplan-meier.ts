import { zForLevel } from './normal';

/**
 * One patient's relief after a course: the time (days, or any one unit across a curve) until relief
 * was lost, or until the last contact that still found relief (censored: still responding, lost to
 * follow-up, a new course started).
 */
export interface ReliefObservation {
  time: number;
  reliefLost: boolean;
  /**
   * How many patients share this time and outcome (1 when absent): a clinic's counts per day, as
   * the database answers them, go in as they are rather than one object per course.
   */
  count?: number;
}

/** The patients behind the observations: their counts summed. */
export function patientsObserved(observations: readonly ReliefObservation[]): number {
  return observations.reduce((sum, o) => sum + observationCount(o), 0);
}

/** The observation's count, checked: a whole number of at least 1. */
export function observationCount(o: ReliefObservation): number {
  const count = o.count ?? 1;
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`An observation counts a whole number of patients from 1, not ${count}`);
  return count;
}

/**
 * The curve at one distinct time, as R's `survfit` object holds it (every distinct time, censorings
 * included, so an at-risk table and the censoring marks can be drawn from it).
 */
export interface SurvivalStep {
  time: number;
  /** Patients whose time is at least this one: censorings at this time are still at risk here. */
  atRisk: number;
  /** Losses of relief at this time. */
  events: number;
  /** Censorings at this time. */
  censored: number;
  /** Kaplan–Meier estimate of still having relief just after this time. */
  survival: number;
  /** Standard error of the survival, Ŝ·√(Greenwood sum), as `summary.survfit` prints it; null where R has NaN (Ŝ = 0). */
  standardError: number | null;
  /** √(Greenwood sum), the standard error of log Ŝ that `survfit` keeps; null where R has Inf. */
  logStandardError: number | null;
  /** Confidence limits; null where R has NA (Ŝ = 0, where the log interval is undefined). */
  lower: number | null;
  upper: number | null;
}

export interface SurvivalCurve {
  /** Confidence level of the limits, e.g. 0.95. */
  level: number;
  subjects: number;
  events: number;
  steps: SurvivalStep[];
}

export interface SurvivalPoint {
  time: number;
  survival: number;
  standardError: number | null;
  lower: number | null;
  upper: number | null;
}

/**
 * Kaplan–Meier estimate with Greenwood's variance and the log confidence interval, as R's
 * `survival::survfit` computes them by default (clinical-facts §6): Ŝ(t) = ∏ (1 − d/n) over event
 * times ≤ t; Var(log Ŝ) = Σ d / (n (n − d)); limits exp(log Ŝ ∓ z·se), the upper one capped at 1.
 * Losses of relief at a time come before censorings at the same time, so those censored are at risk.
 */
export function kaplanMeier(observations: readonly ReliefObservation[], level = 0.95): SurvivalCurve {
  const z = zForLevel(level);
  for (const { time } of observations)
    if (!Number.isFinite(time)) throw new RangeError(`A relief duration is a finite number, not ${time}`);
  const subjects = patientsObserved(observations);
  const sorted = [...observations].sort((a, b) => a.time - b.time);
  const steps: SurvivalStep[] = [];
  let atRisk = subjects;
  let survival = 1;
  let greenwood = 0;
  for (let i = 0; i < sorted.length;) {
    const time = sorted[i].time;
    let events = 0;
    let censored = 0;
    for (; i < sorted.length && sorted[i].time === time; i++) {
      if (sorted[i].reliefLost) events += observationCount(sorted[i]);
      else censored += observationCount(sorted[i]);
    }
    if (events > 0) {
      survival *= (atRisk - events) / atRisk;
      greenwood += atRisk === events ? Infinity : events / (atRisk * (atRisk - events));
    }
    const se = Math.sqrt(greenwood);
    steps.push({
      time,
      atRisk,
      events,
      censored,
      survival,
      standardError: survival === 0 ? null : survival * se,
      logStandardError: Number.isFinite(se) ? se : null,
      ...logInterval(survival, se, z),
    });
    atRisk -= events + censored;
  }
  return { level, subjects, events: steps.reduce((sum, s) => sum + s.events, 0), steps };
}

function logInterval(survival: number, se: number, z: number): { lower: number | null; upper: number | null } {
  if (survival === 0) return { lower: null, upper: null };
  return { lower: Math.exp(Math.log(survival) - z * se), upper: Math.min(1, Math.exp(Math.log(survival) + z * se)) };
}

/** The curve's value at time t (the last step at or before t; 1 with limits 1 before the first), as `summary(fit, times)`. */
export function survivalAt(curve: SurvivalCurve, time: number): SurvivalPoint {
  let point: SurvivalPoint = { time, survival: 1, standardError: 0, lower: 1, upper: 1 };
  for (const step of curve.steps) {
    if (step.time > time) break;
    point = { time, survival: step.survival, standardError: step.standardError, lower: step.lower, upper: step.upper };
  }
  return point;
}

/** Numbers at risk at the chosen times (patients whose time is at least t), for the table under a curve. */
export function numbersAtRisk(curve: SurvivalCurve, times: readonly number[]): { time: number; atRisk: number }[] {
  return times.map((time) => ({ time, atRisk: curve.steps.find((s) => s.time >= time)?.atRisk ?? 0 }));
}
