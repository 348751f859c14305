import { GENERAL_V1 } from '../screening/templates';

/** The rolling windows the cumulative-dose ledger is kept over, in days of 24 real hours. */
export const ROLLING_WINDOW_DAYS = [30, 90, 365] as const;
export type RollingWindowDays = (typeof ROLLING_WINDOW_DAYS)[number];

/**
 * A clinic's dosing settings. None is a clinical constant: no toxic cumulative dose of ketamine is
 * established for medical use (clinical-facts §9, "Cumulative-dose or frequency threshold in
 * medical use: not found"; "let each clinic configure its thresholds"), so caps are the clinic's.
 */
export interface DosingSettings {
  /** Weights outside this range (kg) are refused as implausible, never clamped: re-weigh. */
  weightKg: { min: number; max: number };
  /** Infusion rates are rounded to this step (mg/h). */
  rateStepMgPerHour: number;
  /** Bolus doses (intranasal, IM, oral) are rounded to this step (mg). */
  bolusStepMg: number;
  /** Most mg across every route in any rolling window; null = no cap set (the ledger still shows the total). */
  windowCapsMg: Record<RollingWindowDays, number | null>;
}

const weightItem = GENERAL_V1.items.find((i) => i.id === 'weight_kg');
if (weightItem?.type !== 'number') throw new Error('The general checklist has no weight item');

export const DEFAULT_DOSING_SETTINGS: Readonly<DosingSettings> = {
  // The same plausible range the screening checklist accepts for weight (20–350 kg); Cadence policy.
  weightKg: { min: weightItem.min, max: weightItem.max },
  // One decimal is what a nurse keys into a pump in mg/h; nearest keeps the error ≤ 0.05 mg/h.
  rateStepMgPerHour: 0.1,
  bolusStepMg: 0.1,
  // Not established (clinical-facts §9): no default cap; each clinic sets its own.
  windowCapsMg: { 30: null, 90: null, 365: null },
};

/** Days → milliseconds of a rolling window (24 real hours a day, whatever the clinic's zone does). */
export const windowMs = (days: number) => days * 24 * 60 * 60 * 1000;
