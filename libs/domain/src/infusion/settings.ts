import { CARDIOVASCULAR_V1 } from '../screening/templates';

/**
 * Vital-sign alert limits. A reading crosses a limit when it is strictly beyond it, as the sources
 * word them ("SBP <90 or >180"): 180 itself is not a crossing, 181 is. No pain-specific guideline
 * gives numeric stop thresholds (clinical-facts §5), so every value is a clinic setting; a protocol
 * may override any of them.
 */
export interface VitalsThresholds {
  /** mmHg; ED low-dose ketamine protocol's "unstable vitals": SBP <90 or >180 (§5). */
  systolicAbove: number;
  systolicBelow: number;
  /** mmHg; local clinic practice: act on >180/110 (§5, weak source). */
  diastolicAbove: number;
  /** mmHg; local clinic practice: act on >200/120 once, without waiting for a recheck (§5, weak source). */
  systolicSevereAbove: number;
  diastolicSevereAbove: number;
  /** bpm; >120 sustained 5 min (local clinic practice, §5, weak); <50 (ED protocol, §5). */
  heartRateAbove: number;
  heartRateBelow: number;
  /** %; the modified Aldrete gives full marks only above 92 % on air (§5). No ketamine-specific SpO2 threshold was found. */
  spo2Below: number;
  /** breaths/min; ED protocol's "unstable vitals": RR <10 or >30 (§5). */
  respiratoryRateBelow: number;
  respiratoryRateAbove: number;
  /**
   * RASS (Sessler 2002, §5). Cadence policy, not from a source: alert at −3 (moderate sedation, no
   * eye contact to voice) or deeper, and at +2 (agitated) or more.
   */
  rassBelow: number;
  rassAbove: number;
  /** Nurse's dissociation rating 0 none, 1 mild, 2 moderate, 3 severe (Cadence's own rating; CADSS licence and item count are unresolved, §5). Cadence policy: alert above moderate. */
  dissociationAbove: number;
}

export interface InfusionSettings {
  thresholds: VitalsThresholds;
  /** Vitals interval when the protocol has none: 15 min (Royal Cornwall guideline's first hour; 10-day CRPS protocol NIBP every 15 min, §5). */
  vitalsIntervalMinutes: number;
  /** A reading above a limit asks for another after this rest: 5 min (the screening checklist's "after 5 minutes of rest"; ">180/110 twice 5 min apart", §5). */
  recheckMinutes: number;
  /** Minutes past due before vitals show overdue; 0 = overdue as soon as the due time has passed. Clinic policy. */
  vitalsGraceMinutes: number;
  /** Minutes past the booked start before check-in shows overdue; clinic policy. */
  checkInGraceMinutes: number;
  /** Day-of SpO2 at rest below this blocks the start: CTCAE v5 hypoxia grade 3 is "at rest (e.g., pulse oximeter <88%)" (§3). */
  checkInSpo2BlockBelow: number;
  /** Fasting the protocol requires before a session, in hours; null = none. The notes give no fasting rule: clinic policy. */
  fastingHours: { food: number | null; clearFluids: number | null };
  discharge: DischargeSettings;
}

export interface DischargeSettings {
  /** Modified Aldrete: "Score of 9 or greater allows patient to leave PACU" (§5). */
  aldreteMinimum: number;
  /** Aldrete O2 item: 2 points above this SpO2 on air ("Able maintain O2 saturation >92% on air"); some versions use 90 (§5). */
  aldreteSpo2TwoPointsAbove: number;
  /** 1 point above this SpO2 (with oxygen if needed): "Needs O2 supplement to maintain O2 saturation >90%" (§5). */
  aldreteSpo2OnePointAbove: number;
  /** Vitals within this % of the pre-infusion baseline: PADSS vital signs "within 20% of pre-op = 2" (§5). */
  baselineMarginPercent: number;
  /** Observation after the last dose: ED ketamine protocol "observe ≥60 min after the final dose" (§5); Spravato REMS observes ≥2 h. */
  minimumObservationMinutes: number;
}

export const DEFAULT_VITALS_THRESHOLDS: Readonly<VitalsThresholds> = {
  systolicAbove: 180,
  systolicBelow: 90,
  diastolicAbove: 110,
  systolicSevereAbove: 200,
  diastolicSevereAbove: 120,
  heartRateAbove: 120,
  heartRateBelow: 50,
  spo2Below: 92,
  respiratoryRateBelow: 10,
  respiratoryRateAbove: 30,
  rassBelow: -2,
  rassAbove: 1,
  dissociationAbove: 2,
};

export const DEFAULT_INFUSION_SETTINGS: Readonly<InfusionSettings> = {
  thresholds: DEFAULT_VITALS_THRESHOLDS,
  vitalsIntervalMinutes: 15,
  recheckMinutes: 5,
  vitalsGraceMinutes: 0,
  checkInGraceMinutes: 0,
  checkInSpo2BlockBelow: 88,
  fastingHours: { food: null, clearFluids: null },
  discharge: {
    aldreteMinimum: 9,
    aldreteSpo2TwoPointsAbove: 92,
    aldreteSpo2OnePointAbove: 90,
    baselineMarginPercent: 20,
    minimumObservationMinutes: 60,
  },
};

/** What a protocol may change for its own sessions; anything it leaves out is the clinic's. */
export interface ProtocolInfusionOverrides {
  thresholds?: Partial<VitalsThresholds>;
  vitalsIntervalMinutes?: number | null;
  fastingHours?: Partial<InfusionSettings['fastingHours']>;
  discharge?: Partial<DischargeSettings>;
}

/** The clinic's settings with a protocol's overrides merged over them, field by field. */
export function settingsForProtocol(
  clinic: InfusionSettings,
  protocol: ProtocolInfusionOverrides = {},
): InfusionSettings {
  return {
    ...clinic,
    thresholds: { ...clinic.thresholds, ...protocol.thresholds },
    vitalsIntervalMinutes: protocol.vitalsIntervalMinutes ?? clinic.vitalsIntervalMinutes,
    fastingHours: { ...clinic.fastingHours, ...protocol.fastingHours },
    discharge: { ...clinic.discharge, ...protocol.discharge },
  };
}

const rangeOf = (id: string) => {
  const item = CARDIOVASCULAR_V1.items.find((i) => i.id === id);
  if (item?.type !== 'number') throw new Error(`The cardiovascular checklist has no number item ${id}`);
  return { min: item.min, max: item.max };
};

/** What a monitor can show, for data entry (not clinical limits): BP and HR as the screening checklist accepts them. */
export const VITALS_ENTRY_RANGES = {
  systolic: rangeOf('bp1_systolic'),
  diastolic: rangeOf('bp1_diastolic'),
  heartRate: rangeOf('heart_rate'),
  spo2: { min: 0, max: 100 },
  respiratoryRate: { min: 0, max: 99 },
  rass: { min: -5, max: 4 },
  dissociation: { min: 0, max: 3 },
} as const;
