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

/** A clinic's stored screening limits, as the clinic record holds them. */
export interface ClinicScreeningColumns {
  bpReviewSystolic: number;
  bpReviewDiastolic: number;
  bpBlockSystolic: number;
  bpBlockDiastolic: number;
  screeningValidityDays: number;
}

/**
 * The clinic's stored limits as the rules read them: one mapping for the API at submission and the
 * admin app's live feedback, so both judge by the same limits (heart rate is not a setting yet).
 */
export function screeningSettingsOf(clinic: ClinicScreeningColumns): ClinicScreeningSettings {
  return {
    bpReview: { systolic: clinic.bpReviewSystolic, diastolic: clinic.bpReviewDiastolic },
    bpBlock: { systolic: clinic.bpBlockSystolic, diastolic: clinic.bpBlockDiastolic },
    validityDays: clinic.screeningValidityDays,
    hrReview: DEFAULT_SCREENING_SETTINGS.hrReview,
  };
}
