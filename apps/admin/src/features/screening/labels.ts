import type { Role } from '../../api/types';
import type { EligibilityStatus, ScreeningKind } from './api/types';

export const KIND_LABELS: Record<ScreeningKind, string> = {
  CARDIOVASCULAR: 'Cardiovascular',
  PSYCHIATRIC: 'Psychiatric',
  GENERAL: 'General',
};

export const KIND_DESCRIPTIONS: Record<ScreeningKind, string> = {
  CARDIOVASCULAR: 'Blood pressure (two readings), heart rate, heart disease, stroke and aneurysm, ECG.',
  PSYCHIATRIC: 'Psychosis, bipolar disorder, substance use (AUDIT-C), suicide risk (C-SSRS), PHQ-9 and GAD-7.',
  GENERAL: 'Pregnancy today, liver disease, intracranial and eye pressure, bladder, allergies, medicines, weight.',
};

/** Colour always goes with words: the label carries the meaning, the colour only helps. */
export const RESULT_LABELS: Record<EligibilityStatus, string> = {
  ELIGIBLE: 'Eligible',
  NEEDS_REVIEW: 'Needs review',
  CONTRAINDICATED: 'Contraindicated',
  NOT_ELIGIBLE: 'Not eligible',
};

export const RESULT_COLORS: Record<EligibilityStatus, string> = {
  ELIGIBLE: 'green',
  NEEDS_REVIEW: 'orange',
  CONTRAINDICATED: 'red',
  NOT_ELIGIBLE: 'gray',
};

/** Who records screening answers and sees them; the API enforces the same. */
export const SCREENING_ROLES: readonly Role[] = ['NURSE', 'CLINICIAN'];
/** Who starts, fills in, submits and corrects (by addendum) a screening. */
export const RECORD_SCREENING_ROLES: readonly Role[] = ['NURSE'];
/** Who signs, overrides or declines. */
export const REVIEW_ROLES: readonly Role[] = ['CLINICIAN'];
