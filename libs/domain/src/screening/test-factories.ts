import type { Answers } from './answers';

/**
 * Small factories for tests: complete, unremarkable answers for each checklist, to which a test
 * applies only the change it is about.
 */
export function cardiovascularAnswers(overrides: Answers = {}): Answers {
  return {
    bp1_systolic: 120,
    bp1_diastolic: 78,
    bp2_systolic: 118,
    bp2_diastolic: 76,
    heart_rate: 72,
    hypertension: false,
    coronary_artery_disease: false,
    mi_within_6_months: false,
    heart_failure: false,
    arrhythmia: false,
    stroke_or_tia: false,
    aneurysm_unrepaired: false,
    ...overrides,
  };
}

export function psychiatricAnswers(overrides: Answers = {}): Answers {
  return {
    psychosis_history: false,
    bipolar: false,
    auditc: { q1: 1, q2: 0, q3: 0 },
    drug_use_12_months: false,
    substance_use_disorder_current: false,
    cssrs: { q1: false, q2: false, q6: false },
    phq9: { q1: 1, q2: 1, q3: 2, q4: 2, q5: 0, q6: 0, q7: 1, q8: 0, q9: 0 },
    gad7: { q1: 1, q2: 1, q3: 0, q4: 1, q5: 0, q6: 0, q7: 0 },
    ...overrides,
  };
}

export function generalAnswers(overrides: Answers = {}): Answers {
  return {
    pregnancy: 'no',
    liver_disease: 'none',
    raised_intracranial_pressure: false,
    raised_intraocular_pressure: false,
    urinary_symptoms: false,
    allergies: 'none known',
    takes_benzodiazepine: false,
    takes_lamotrigine: false,
    takes_maoi: false,
    weight_kg: 72.5,
    ...overrides,
  };
}

export function allAnswers(overrides: Answers = {}): Answers {
  return { ...cardiovascularAnswers(), ...psychiatricAnswers(), ...generalAnswers(), ...overrides };
}
