import type { DischargeSettings } from './settings';

/**
 * Modified Aldrete (1995): activity, respiration, circulation, consciousness and O2 saturation,
 * each 0–2, total 0–10 (clinical-facts §5). The nurse scores the first four; the O2 item follows
 * from the reading with the clinic's thresholds (versions differ: >92 % or >90 % on air for 2).
 */
export const ALDRETE_ITEMS = ['activity', 'respiration', 'circulation', 'consciousness', 'oxygenSaturation'] as const;
export type AldreteItem = (typeof ALDRETE_ITEMS)[number];
export type AldreteScores = Record<AldreteItem, number>;

/**
 * The O2 item: 2 = "Able maintain O2 saturation >92% on air"; 1 = "Needs O2 supplement to maintain
 * O2 saturation >90%"; 0 = "O2 saturation <90% even with O2 supplement". A saturation of exactly 90
 * meets neither 1-point wording, so it scores 0; on air at or below the 2-point line it scores 1
 * when above 90 (the patient would need oxygen to reach full marks).
 */
export function aldreteOxygenScore(
  spo2Percent: number,
  onRoomAir: boolean,
  settings: Pick<DischargeSettings, 'aldreteSpo2TwoPointsAbove' | 'aldreteSpo2OnePointAbove'>,
): 0 | 1 | 2 {
  if (onRoomAir && spo2Percent > settings.aldreteSpo2TwoPointsAbove) return 2;
  if (spo2Percent > settings.aldreteSpo2OnePointAbove) return 1;
  return 0;
}

/** Why the item scores cannot be added up; empty when each is 0, 1 or 2. */
export function aldreteProblems(
  scores: Partial<Record<AldreteItem, number>>,
): { field: AldreteItem; problem: string }[] {
  return ALDRETE_ITEMS.filter((item) => ![0, 1, 2].includes(scores[item] as number)).map((field) => ({
    field,
    problem: 'must be scored 0, 1 or 2',
  }));
}

export const aldreteTotal = (scores: AldreteScores) => ALDRETE_ITEMS.reduce((total, item) => total + scores[item], 0);

export interface BaselineVitals {
  systolic: number;
  diastolic: number;
  heartRate: number;
}

export interface DischargeFacts {
  aldrete: AldreteScores;
  /** The pre-infusion reading the check-in decided on (the recheck after rest, when there was one). */
  baseline: BaselineVitals;
  /** The latest reading in recovery. */
  latest: BaselineVitals | undefined;
  escortPresent: boolean;
  /** When the last dose stopped (the infusion's STOP, or the bolus). */
  lastDoseAtMs: number;
  nowMs: number;
}

export type DischargeCode =
  'ALDRETE_BELOW' | 'VITALS_MISSING' | 'VITALS_OFF_BASELINE' | 'ESCORT_ABSENT' | 'OBSERVATION_SHORT';
export interface DischargeReason {
  code: DischargeCode;
  ruleId: string;
  message: string;
}

export interface DischargeCheck {
  allowed: boolean;
  aldrete: number;
  reasons: DischargeReason[];
}

/**
 * Whether the patient may go home: modified Aldrete ≥ 9 (configurable; "9 or greater allows patient
 * to leave PACU"), each of BP and heart rate within 20 % of the pre-infusion baseline (PADSS's
 * "within 20% of pre-op"; the margin is inclusive), at least 60 min since the last dose (ED ketamine
 * protocol), and the escort present. Nothing overrides a discharge check: the patient stays and is
 * checked again.
 */
export function dischargeCheck(facts: DischargeFacts, settings: DischargeSettings): DischargeCheck {
  const reasons: DischargeReason[] = [];
  const problems = aldreteProblems(facts.aldrete);
  if (problems.length > 0) throw new RangeError(`Aldrete ${problems.map((p) => `${p.field} ${p.problem}`).join('; ')}`);
  const aldrete = aldreteTotal(facts.aldrete);
  if (aldrete < settings.aldreteMinimum)
    reasons.push({
      code: 'ALDRETE_BELOW',
      ruleId: 'discharge.aldrete',
      message: `Modified Aldrete score ${aldrete} is below ${settings.aldreteMinimum}`,
    });

  if (!facts.latest)
    reasons.push({
      code: 'VITALS_MISSING',
      ruleId: 'discharge.vitals-near-baseline',
      message: 'No vitals recorded in recovery',
    });
  else {
    const margin = settings.baselineMarginPercent;
    const off = (['systolic', 'diastolic', 'heartRate'] as const).filter(
      // Whole-number percentages: |now − baseline| × 100 ≤ margin × baseline, with no rounding error.
      (sign) => Math.abs(facts.latest![sign] - facts.baseline[sign]) * 100 > margin * facts.baseline[sign],
    );
    const label = { systolic: 'systolic BP', diastolic: 'diastolic BP', heartRate: 'heart rate' };
    for (const sign of off)
      reasons.push({
        code: 'VITALS_OFF_BASELINE',
        ruleId: 'discharge.vitals-near-baseline',
        message: `${capitalise(label[sign])} ${facts.latest[sign]} is more than ${margin} % from the pre-infusion ${facts.baseline[sign]}`,
      });
  }

  const observedMinutes = (facts.nowMs - facts.lastDoseAtMs) / 60_000;
  if (observedMinutes < settings.minimumObservationMinutes)
    reasons.push({
      code: 'OBSERVATION_SHORT',
      ruleId: 'discharge.observation-time',
      message: `${Math.floor(observedMinutes)} min since the last dose; observe for at least ${settings.minimumObservationMinutes} min`,
    });

  if (!facts.escortPresent)
    reasons.push({
      code: 'ESCORT_ABSENT',
      ruleId: 'discharge.escort-present',
      message: 'The escort home is not here yet',
    });
  return { allowed: reasons.length === 0, aldrete, reasons };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
