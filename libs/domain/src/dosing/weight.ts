import type { ClinicalReason } from './reason';
import type { DosingSettings } from './settings';

export type WeightCode = 'WEIGHT_MISSING' | 'WEIGHT_IMPLAUSIBLE';

/**
 * Why `weightKg` cannot be dosed on; undefined when it can. The dose uses today's weight, so a
 * missing or implausible one is ABSOLUTE: nothing to override, the patient is weighed again. An
 * implausible weight is never clamped to the range, which would dose on a number nobody measured.
 */
export function weightReason(
  weightKg: number | null | undefined,
  settings: Pick<DosingSettings, 'weightKg'>,
): ClinicalReason<WeightCode> | undefined {
  const { min, max } = settings.weightKg;
  if (weightKg === null || weightKg === undefined || Number.isNaN(weightKg))
    return {
      code: 'WEIGHT_MISSING',
      ruleId: 'dosing.weight-today',
      severity: 'ABSOLUTE',
      message: "Today's weight is not recorded: weigh the patient before the dose is worked out",
    };
  if (!Number.isFinite(weightKg) || weightKg < min || weightKg > max)
    return {
      code: 'WEIGHT_IMPLAUSIBLE',
      ruleId: 'dosing.weight-plausible',
      severity: 'ABSOLUTE',
      message: `A weight of ${weightKg} kg is outside ${min}–${max} kg: weigh the patient again`,
    };
  return undefined;
}
