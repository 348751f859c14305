import { DateTime } from 'luxon';
import { zForLevel } from './normal';
import type { SurvivalCurve, SurvivalStep } from './kaplan-meier';
import { medianSurvival, type TimeWithInterval } from './median';
import { DEFAULT_OUTCOME_SETTINGS, type OutcomeSettings } from './disclosure';

export type ForecastCode = 'FORECAST' | 'MEDIAN_NOT_REACHED' | 'TOO_FEW_PATIENTS';

export interface ForecastReason {
  code: ForecastCode;
  ruleId: 'outcomes.forecast';
  message: string;
}

export interface ConditionalPoint {
  /** Days after the day relief was last known to hold. */
  days: number;
  /** S(t + days) / S(t). */
  survival: number;
  lower: number | null;
  upper: number | null;
}

export interface ReliefForecast {
  code: ForecastCode;
  /** The day after the course relief was last known to hold (the forecast conditions on lasting to it). */
  heldToDay: number;
  /** The clinic's curve at that day, S(t): where the patient sits against it. */
  curveAtDay: number;
  /** Patients of the curve still with relief after day t, whom the forecast rests on. */
  patientsBehind: number;
  /** Median further days of relief given relief to day t, with its interval; null when too few patients. */
  medianFurtherDays: TimeWithInterval | null;
  /** The clinic dates relief is expected to be lost (t + median, and its interval); null where not reached. */
  expectedLossOn: string | null;
  expectedLossInterval: { lower: string | null; upper: string | null } | null;
  /** The conditional curve after t: every step, days counted from t. */
  conditional: ConditionalPoint[];
  reasons: ForecastReason[];
}

/**
 * The clinic's curve conditional on relief lasting to day t: S(t + u) / S(t), which is the
 * Kaplan–Meier product over the losses after t only, so it is the curve of the patients still at
 * risk after t. Its variance is Greenwood's sum over those same losses (the variance of
 * log S(t + u) − log S(t) given the numbers at risk after t), and its limits are R's log interval
 * on it, exactly as `kaplanMeier` makes them. Steps are re-timed to days after t.
 */
export function conditionalCurve(curve: SurvivalCurve, t: number): SurvivalCurve {
  if (!Number.isFinite(t) || t < 0) throw new RangeError(`The day relief held to is a day of 0 or more, not ${t}`);
  const z = zForLevel(curve.level);
  const after = curve.steps.filter((s) => s.time > t);
  let survival = 1;
  let greenwood = 0;
  const steps: SurvivalStep[] = after.map((s) => {
    if (s.events > 0) {
      survival *= (s.atRisk - s.events) / s.atRisk;
      greenwood += s.atRisk === s.events ? Infinity : s.events / (s.atRisk * (s.atRisk - s.events));
    }
    const se = Math.sqrt(greenwood);
    return {
      time: s.time - t,
      atRisk: s.atRisk,
      events: s.events,
      censored: s.censored,
      survival,
      standardError: survival === 0 ? null : survival * se,
      logStandardError: Number.isFinite(se) ? se : null,
      lower: survival === 0 ? null : Math.exp(Math.log(survival) - z * se),
      upper: survival === 0 ? null : Math.min(1, Math.exp(Math.log(survival) + z * se)),
    };
  });
  return {
    level: curve.level,
    subjects: after[0]?.atRisk ?? 0,
    events: steps.reduce((sum, s) => sum + s.events, 0),
    steps,
  };
}

/**
 * When relief is expected to end for a patient whose relief after a course (last session on
 * `lastSessionOn`) was last known to hold at day `heldToDay`, from the clinic's curve for
 * patients like them (their protocol and pain mechanism). The expected date is
 * lastSessionOn + t + the median of the conditional curve S(t + u) / S(t); its interval is
 * survfit's median interval on the conditional curve's log bands (the first u where the lower,
 * then the upper, limit reaches one half; Brookmeyer–Crowley by inverting the pointwise interval),
 * so it widens as fewer patients remain. Below `forecastMinimumAtRisk` patients still with relief
 * after t there is no forecast, only the count: a guess from a handful would mislead.
 */
export function reliefForecast(
  curve: SurvivalCurve,
  lastSessionOn: string,
  heldToDay: number,
  settings: Pick<OutcomeSettings, 'forecastMinimumAtRisk'> = DEFAULT_OUTCOME_SETTINGS,
): ReliefForecast {
  const conditional = conditionalCurve(curve, heldToDay);
  const patientsBehind = conditional.subjects;
  const curveAtDay = curve.steps.filter((s) => s.time <= heldToDay).at(-1)?.survival ?? 1;
  const base = { heldToDay, curveAtDay, patientsBehind };
  if (patientsBehind < settings.forecastMinimumAtRisk)
    return {
      ...base,
      code: 'TOO_FEW_PATIENTS',
      medianFurtherDays: null,
      expectedLossOn: null,
      expectedLossInterval: null,
      conditional: [],
      reasons: [
        {
          code: 'TOO_FEW_PATIENTS',
          ruleId: 'outcomes.forecast',
          message: `Too few patients to forecast: ${patientsBehind} like this patient still had relief after day ${heldToDay}, fewer than the ${settings.forecastMinimumAtRisk} a forecast needs`,
        },
      ],
    };
  const median = medianSurvival(conditional);
  const dateAt = (days: number | null) =>
    days === null
      ? null
      : DateTime.fromISO(lastSessionOn, { zone: 'utc' })
          .plus({ days: Math.ceil(heldToDay + days) })
          .toISODate();
  const points = conditional.steps.map((s) => ({ days: s.time, survival: s.survival, lower: s.lower, upper: s.upper }));
  if (median.time === null)
    return {
      ...base,
      code: 'MEDIAN_NOT_REACHED',
      medianFurtherDays: median,
      expectedLossOn: null,
      expectedLossInterval: { lower: dateAt(median.lower), upper: null },
      conditional: points,
      reasons: [
        {
          code: 'MEDIAN_NOT_REACHED',
          ruleId: 'outcomes.forecast',
          message: `More than half of the ${patientsBehind} patients with relief after day ${heldToDay} still had it at the last day followed (day ${heldToDay + (conditional.steps.at(-1)?.time ?? 0)}): no expected date yet`,
        },
      ],
    };
  const expectedLossOn = dateAt(median.time)!;
  return {
    ...base,
    code: 'FORECAST',
    medianFurtherDays: median,
    expectedLossOn,
    expectedLossInterval: { lower: dateAt(median.lower), upper: dateAt(median.upper) },
    conditional: points,
    reasons: [
      {
        code: 'FORECAST',
        ruleId: 'outcomes.forecast',
        message: `Relief expected to end about ${expectedLossOn} (day ${heldToDay + median.time}; 95 % interval ${dateAt(median.lower) ?? 'not reached'} to ${dateAt(median.upper) ?? 'not reached'}), from the ${patientsBehind} patients like this one who still had relief after day ${heldToDay}`,
      },
    ],
  };
}
