import type { SurvivalCurve, SurvivalStep } from './kaplan-meier';

/** A time the curve (or a confidence limit) reaches, or null where R prints NA: not reached. */
export interface TimeWithInterval {
  time: number | null;
  lower: number | null;
  upper: number | null;
}

/** R's tolerance for "the curve equals the level": sqrt(.Machine$double.eps). */
const TOLERANCE = Math.sqrt(Number.EPSILON);

type Curve = (step: SurvivalStep) => number | null;
const estimate: Curve = (s) => s.survival;
const lowerLimit: Curve = (s) => s.lower;
const upperLimit: Curve = (s) => s.upper;

/**
 * Median relief duration with its confidence interval as `print.survfit` reports them (R
 * `survmean`'s `minmin`): the first time the curve is at or below 0.5, or, where it sits exactly on
 * 0.5 and later drops below, the midpoint of that time and the drop. The lower limit is the same
 * rule on the lower confidence curve, the upper limit on the upper one (Brookmeyer–Crowley by
 * inverting the pointwise interval); a curve that never reaches 0.5 gives null.
 */
export function medianSurvival(curve: SurvivalCurve): TimeWithInterval {
  return {
    time: firstAtOrBelowHalf(curve.steps, estimate),
    lower: firstAtOrBelowHalf(curve.steps, lowerLimit),
    upper: firstAtOrBelowHalf(curve.steps, upperLimit),
  };
}

function firstAtOrBelowHalf(steps: readonly SurvivalStep[], curve: Curve): number | null {
  const kept = steps
    .map((step) => ({ time: step.time, value: curve(step) }))
    .filter((p): p is { time: number; value: number } => p.value !== null && p.value < 0.5 + TOLERANCE);
  if (kept.length === 0) return null;
  const [first] = kept;
  const drop = kept.find((p) => p.value < first.value);
  return Math.abs(first.value - 0.5) < TOLERANCE && drop ? (first.time + drop.time) / 2 : first.time;
}

/**
 * Quantiles of relief duration (time by which a fraction p has lost relief) with their intervals,
 * as R's `quantile.survfit` computes them (its `findq`). It differs from the median above on one
 * edge only, as R itself does: a curve that ends exactly on the level gives the midpoint of where
 * it reached the level and the last time observed.
 */
export function survivalQuantile(curve: SurvivalCurve, p: number): TimeWithInterval {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`A quantile's probability lies between 0 and 1, not ${p}`);
  return {
    time: findQuantile(curve.steps, estimate, p),
    lower: findQuantile(curve.steps, lowerLimit, p),
    upper: findQuantile(curve.steps, upperLimit, p),
  };
}

/**
 * R's `findq` on x = (0, times), y = (0, 1 − curve): drop repeated y values, then take the first
 * point whose y reaches p within the tolerance from each side (R's `approx(..., "constant", f = 1)`
 * over y sorted, which matters for the upper limit, a curve that can rise) and average their times.
 */
function findQuantile(steps: readonly SurvivalStep[], curve: Curve, p: number): number | null {
  const points: { time: number; y: number | null }[] = [{ time: 0, y: 0 }];
  for (const step of steps) {
    const value = curve(step);
    points.push({ time: step.time, y: value === null ? null : 1 - value });
  }
  const lastTime = points[points.length - 1].time;
  const seen = new Set<number | null>();
  const distinct = points.filter((point) => !seen.has(point.y) && seen.add(point.y));
  const known = distinct.filter((point): point is { time: number; y: number } => point.y !== null);
  if (known.every((point) => point.y < p)) return null;
  if (p === 0) return distinct[0].time;
  const byY = [...known].sort((a, b) => a.y - b.y);
  const reaching = (shift: number) => {
    const keys = byY.map((point) => point.y + shift);
    if (p < keys[0] || p > keys[keys.length - 1]) return undefined;
    return byY[keys.findIndex((key) => key >= p)];
  };
  const fromAbove = reaching(TOLERANCE);
  const fromBelow = reaching(-TOLERANCE);
  const last = distinct[distinct.length - 1];
  if (fromAbove && last.y !== null && Math.abs(p - last.y) < TOLERANCE) return (fromAbove.time + lastTime) / 2;
  return fromAbove && fromBelow ? (fromAbove.time + fromBelow.time) / 2 : null;
}
