import type { Protocol, ProtocolDoseRange } from '../scheduling/protocol';
import type { ClinicalReason } from './reason';
import { atMost, roundDownToStep, roundToStep } from './rounding';
import type { DosingSettings } from './settings';
import { weightReason, type WeightCode } from './weight';

/** How a protocol is dosed: a rate in mg/kg/h (IV infusions) or mg/kg per dose (intranasal, IM, oral). */
export type DoseForm =
  { kind: 'INFUSION'; mgPerKgPerHour: ProtocolDoseRange } | { kind: 'BOLUS'; mgPerKg: ProtocolDoseRange };

/** The protocol's dose form, or undefined when it has no dose range. */
export function doseFormOf(
  protocol: Pick<Protocol, 'doseRangeMgPerKgPerHour' | 'doseRangeMgPerKgPerDose'>,
): DoseForm | undefined {
  if (protocol.doseRangeMgPerKgPerHour) return { kind: 'INFUSION', mgPerKgPerHour: protocol.doseRangeMgPerKgPerHour };
  if (protocol.doseRangeMgPerKgPerDose) return { kind: 'BOLUS', mgPerKg: protocol.doseRangeMgPerKgPerDose };
  return undefined;
}

export type RangeCode = 'BELOW_RANGE' | 'ABOVE_RANGE';

/**
 * The mg (or mg/h) a range allows at a weight. The bottom is rounded down to the step, so a dose
 * prescribed at the range's bottom and rounded to the nearest step is never refused as below it;
 * the top is not rounded, so no rounding ever makes a dose above the range acceptable.
 */
export function allowedAtWeight(
  range: ProtocolDoseRange,
  weightKg: number,
  step: number,
): { min: number; max: number } {
  return { min: roundDownToStep(range.min * weightKg, step), max: range.max * weightKg };
}

/** Whether `amount` (mg/h or mg) lies in the protocol's range at this weight; RELATIVE when not: a clinician may order outside it with a reason. */
export function rangeReason(
  amount: number,
  range: ProtocolDoseRange,
  weightKg: number,
  step: number,
  unit: 'mg/h' | 'mg',
): ClinicalReason<RangeCode> | undefined {
  const allowed = allowedAtWeight(range, weightKg, step);
  const perKg = unit === 'mg/h' ? 'mg/kg/h' : 'mg/kg';
  const span = `${range.min}–${range.max} ${perKg} at ${weightKg} kg (${round3(allowed.min)}–${round3(allowed.max)} ${unit})`;
  if (!atMost(allowed.min, amount))
    return {
      code: 'BELOW_RANGE',
      ruleId: 'dosing.within-protocol-range',
      severity: 'RELATIVE',
      message: `${amount} ${unit} is below the protocol's range of ${span}`,
    };
  if (!atMost(amount, allowed.max))
    return {
      code: 'ABOVE_RANGE',
      ruleId: 'dosing.within-protocol-range',
      severity: 'RELATIVE',
      message: `${amount} ${unit} is above the protocol's range of ${span}`,
    };
  return undefined;
}

/** Which way the amount was rounded: to the nearest step, or down because nearest would pass the range's top or the session cap. */
export type Rounding = 'NEAREST' | 'DOWN_TO_RANGE_TOP' | 'DOWN_TO_SESSION_CAP';

export interface DosePlan {
  kind: 'INFUSION' | 'BOLUS';
  weightKg: number;
  /** What was prescribed per kg (mg/kg/h or mg/kg). */
  perKg: number;
  /** Per kg × weight, unrounded. */
  exact: number;
  /** The rate (mg/h) or dose (mg) to give, rounded as `rounding` says. */
  amount: number;
  rounding: Rounding;
  /** Expected mg this session: rate × planned minutes, or the bolus itself. */
  expectedSessionMg: number;
}

export type DosePlanCode = WeightCode | RangeCode;

export interface DosePlanRequest {
  form: DoseForm;
  /** mg/kg/h for an infusion, mg/kg for a bolus. */
  perKg: number;
  /** Today's weight, measured at check-in. */
  weightKg: number | null | undefined;
  /** Planned infusion minutes (not chair time); ignored for a bolus. */
  plannedMinutes?: number;
  perSessionCapMg: number;
  settings: Pick<DosingSettings, 'weightKg' | 'rateStepMgPerHour' | 'bolusStepMg'>;
}

/**
 * A prescribed mg/kg/h (or mg/kg) × today's weight → the rate (or dose) to give and the session's
 * expected total. Rounded to the nearest step (0.1 mg/h by default), except never up past the
 * range's top or the per-session cap: then down to the step below. A plan is still made for a dose
 * outside the range, with the RELATIVE reason a clinician must accept; none without a usable weight.
 */
export function planDose(request: DosePlanRequest): { plan?: DosePlan; reasons: ClinicalReason<DosePlanCode>[] } {
  const { form, perKg, weightKg, settings, perSessionCapMg } = request;
  const weight = weightReason(weightKg, settings);
  if (weight || weightKg === null || weightKg === undefined) return { reasons: weight ? [weight] : [] };
  const infusion = form.kind === 'INFUSION';
  const range = infusion ? form.mgPerKgPerHour : form.mgPerKg;
  const step = infusion ? settings.rateStepMgPerHour : settings.bolusStepMg;
  const hours = infusion ? (request.plannedMinutes ?? 0) / 60 : 1;
  const sessionMg = (amount: number) => (infusion ? amount * hours : amount);

  const exact = perKg * weightKg;
  const nearest = roundToStep(exact, step);
  let amount = nearest;
  let rounding: Rounding = 'NEAREST';
  if (nearest > exact && !atMost(nearest, range.max * weightKg) && atMost(exact, range.max * weightKg)) {
    amount = roundDownToStep(exact, step);
    rounding = 'DOWN_TO_RANGE_TOP';
  } else if (
    nearest > exact &&
    !atMost(sessionMg(nearest), perSessionCapMg) &&
    atMost(sessionMg(exact), perSessionCapMg)
  ) {
    amount = roundDownToStep(exact, step);
    rounding = 'DOWN_TO_SESSION_CAP';
  }
  const reasons: ClinicalReason<DosePlanCode>[] = [];
  const range_ = rangeReason(amount, range, weightKg, step, infusion ? 'mg/h' : 'mg');
  if (range_) reasons.push(range_);
  return {
    plan: {
      kind: form.kind,
      weightKg,
      perKg,
      exact,
      amount,
      rounding,
      expectedSessionMg: round3(sessionMg(amount)),
    },
    reasons,
  };
}

/** Three decimals: whole micrograms, for display and totals. */
export const round3 = (value: number) => Math.round(value * 1000) / 1000;
