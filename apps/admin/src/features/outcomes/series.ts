import type { CurveStep, MilestoneRate, Proportion, ReliefGroup } from './api/outcomes.api';

/** One point of a Kaplan–Meier step line: the estimate from `day` on, with its 95 % band. */
export interface CurvePoint {
  day: number;
  survival: number;
  /** [lower, upper]; absent where the band is undefined (the estimate reached 0). */
  band?: [number, number];
}

/**
 * A curve's steps as points for a step-after line: everyone has relief on day 0 (S = 1, no band
 * width), then each step holds until the next. A step at day 0 (relief lost at once) replaces the start.
 */
export function curvePoints(steps: readonly CurveStep[]): CurvePoint[] {
  const start: CurvePoint = { day: 0, survival: 1, band: [1, 1] };
  const points = steps.map((s) => ({
    day: s.time,
    survival: s.survival,
    ...(s.lower !== null && s.upper !== null ? { band: [s.lower, s.upper] as [number, number] } : {}),
  }));
  return points[0]?.day === 0 ? points : [start, ...points];
}

/** The estimate on a day: the last step on or before it (a step-after curve), 1 before the first. */
export function survivalOn(steps: readonly CurveStep[], day: number): number {
  let survival = 1;
  for (const step of steps) {
    if (step.time > day) break;
    survival = step.survival;
  }
  return survival;
}

/** The at-risk table under the chart: one row per group, the numbers at the API's fixed days. */
export function atRiskRows(groups: readonly ReliefGroup[]): {
  days: number[];
  rows: { group: string; counts: (number | null)[] }[];
} {
  const shown = groups.filter((g) => g.disclosure.shown);
  const days = [...new Set(shown.flatMap((g) => g.atRisk.map((a) => a.time)))].sort((a, b) => a - b);
  return {
    days,
    rows: shown.map((g) => ({
      group: g.group,
      counts: days.map((day) => g.atRisk.find((a) => a.time === day)?.atRisk ?? null),
    })),
  };
}

/** A bar with its interval as recharts' ErrorBar takes it: [below, above] the bar, in percent. */
export interface RateBar {
  label: string;
  percent: number | null;
  error: [number, number] | null;
  successes: number | null;
  trials: number | null;
  /** Why there is no bar: the API's disclosure message for a withheld group. */
  withheld: string | null;
  caution: string | null;
}

export function rateBar(label: string, p: Proportion | null, disclosure: MilestoneRate['disclosure']): RateBar {
  const percent = disclosure.shown && p?.proportion != null ? p.proportion * 100 : null;
  return {
    label,
    percent,
    error:
      percent !== null && p?.lower != null && p?.upper != null
        ? [percent - p.lower * 100, p.upper * 100 - percent]
        : null,
    successes: disclosure.shown ? (p?.successes ?? null) : null,
    trials: disclosure.shown ? (p?.trials ?? null) : null,
    withheld: disclosure.shown ? null : disclosure.message,
    caution: disclosure.code === 'SMALL_GROUP' ? disclosure.message : null,
  };
}
