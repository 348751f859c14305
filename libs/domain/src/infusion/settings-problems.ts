import type { DosingSettings } from '../dosing/settings';
import type { FieldProblem } from '../scheduling/clinic-rules';
import type { InfusionSettings } from './settings';

/**
 * Why a clinic's effective infusion and dosing settings (its own over the defaults) cannot be
 * saved: limits that contradict each other. Each problem names the field; nothing is clamped.
 * Ranges of single fields are checked where they are entered.
 */
export function infusionSettingsProblems(infusion: InfusionSettings, dosing: DosingSettings): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const below = (low: number, high: number, field: string, lowName: string, highName: string) => {
    if (!(low < high))
      problems.push({ field, rule: 'ordered', message: `${lowName} (${low}) must be below ${highName} (${high})` });
  };
  const t = infusion.thresholds;
  const th = 'infusion.thresholds';
  below(t.systolicBelow, t.systolicAbove, `${th}.systolicBelow`, 'systolicBelow', 'systolicAbove');
  below(t.systolicAbove, t.systolicSevereAbove, `${th}.systolicSevereAbove`, 'systolicAbove', 'systolicSevereAbove');
  below(
    t.diastolicAbove,
    t.diastolicSevereAbove,
    `${th}.diastolicSevereAbove`,
    'diastolicAbove',
    'diastolicSevereAbove',
  );
  below(t.heartRateBelow, t.heartRateAbove, `${th}.heartRateBelow`, 'heartRateBelow', 'heartRateAbove');
  below(
    t.respiratoryRateBelow,
    t.respiratoryRateAbove,
    `${th}.respiratoryRateBelow`,
    'respiratoryRateBelow',
    'respiratoryRateAbove',
  );
  below(t.rassBelow, t.rassAbove, `${th}.rassBelow`, 'rassBelow', 'rassAbove');
  // Check-in blocks below the hypoxia limit and asks a clinician below the alert limit: block ≤ alert.
  if (infusion.checkInSpo2BlockBelow > t.spo2Below)
    problems.push({
      field: 'infusion.checkInSpo2BlockBelow',
      rule: 'ordered',
      message: `checkInSpo2BlockBelow (${infusion.checkInSpo2BlockBelow}) must not be above spo2Below (${t.spo2Below})`,
    });
  const d = infusion.discharge;
  below(
    d.aldreteSpo2OnePointAbove,
    d.aldreteSpo2TwoPointsAbove,
    'infusion.discharge.aldreteSpo2OnePointAbove',
    'aldreteSpo2OnePointAbove',
    'aldreteSpo2TwoPointsAbove',
  );
  below(dosing.weightKg.min, dosing.weightKg.max, 'dosing.weightKg.min', 'weightKg.min', 'weightKg.max');
  const caps = dosing.windowCapsMg;
  // A longer window holds the shorter one: its cap cannot be lower.
  const windows = [30, 90, 365] as const;
  for (let i = 1; i < windows.length; i++) {
    const shorter = caps[windows[i - 1]];
    const longer = caps[windows[i]];
    if (shorter !== null && longer !== null && longer < shorter)
      problems.push({
        field: `dosing.windowCapsMg[${windows[i]}]`,
        rule: 'ordered',
        message: `the ${windows[i]}-day cap (${longer} mg) must not be below the ${windows[i - 1]}-day cap (${shorter} mg)`,
      });
  }
  return problems;
}
