/**
 * Rounding to a step (0.1 mg/h, 0.1 mg) without floating-point drift: values are counted in
 * thousandths, so 0.35 mg/kg/h × 70 kg = 24.5 mg/h rounds to 24.5, not to 24.4.
 */
const SCALE = 1000;
// Tolerates binary error in a product such as 0.35 × 70 (24.499999999999996).
const EPSILON = 1e-7;

const units = (value: number) => value * SCALE;
const stepUnits = (step: number) => Math.round(step * SCALE);
const fromSteps = (steps: number, step: number) => (steps * stepUnits(step)) / SCALE;

/** Nearest multiple of `step`; halves go up. */
export function roundToStep(value: number, step: number): number {
  return fromSteps(Math.floor(units(value) / stepUnits(step) + 0.5 + EPSILON), step);
}

/** Largest multiple of `step` not above `value`. */
export function roundDownToStep(value: number, step: number): number {
  return fromSteps(Math.floor(units(value) / stepUnits(step) + EPSILON), step);
}

/** `a` ≤ `b` allowing for binary error in products of decimals. */
export const atMost = (a: number, b: number) => a <= b + EPSILON;

/** At most three decimals (a rate in whole µg/h, a dose in whole µg). */
export function hasAtMostThreeDecimals(value: number): boolean {
  return Math.abs(units(value) - Math.round(units(value))) < EPSILON * SCALE;
}
