/**
 * Per-clinic screening limits. Blood-pressure limits are a clinic's decision (and its
 * anaesthetist's), so they are settings with these defaults rather than constants in the rules.
 */
export interface ClinicScreeningSettings {
  /** Above either value (strictly) a clinician reviews before treatment. */
  bpReview: { systolic: number; diastolic: number };
  /** At or above either value, confirmed by the second reading, treatment is blocked. */
  bpBlock: { systolic: number; diastolic: number };
  /** A signed screening may be relied on up to and including signing date + validityDays. */
  validityDays: number;
  /** Resting heart rate (bpm) above which a clinician reviews; 100 when absent. */
  hrReview?: number;
}

export const DEFAULT_SCREENING_SETTINGS: Readonly<ClinicScreeningSettings> = {
  bpReview: { systolic: 140, diastolic: 90 },
  bpBlock: { systolic: 180, diastolic: 110 },
  validityDays: 30,
  hrReview: 100,
};

export const DEFAULT_HR_REVIEW = 100;
