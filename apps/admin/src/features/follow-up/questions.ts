import {
  BLADDER_QUESTIONS,
  BLADDER_SYMPTOMS,
  FOLLOW_UP_NOTE_MAX_LENGTH,
  HOME_DOSE_QUESTION,
  HOME_DOSE_ROUTE_LABELS,
  PAIN_NRS_ANCHORS,
  PAIN_NRS_QUESTIONS,
  PHQ9,
  PROMIS_PAIN_INTERFERENCE_6A,
  PROMIS_TERMS_URL,
  SUPPORTING_CARE,
  SUPPORTING_CARE_LABELS,
  SUPPORTING_CARE_QUESTION,
} from '@cadence/domain';
import type { ResponseBody } from '../../api/types';

/** The follow-up's questions as the patient's page receives them from the API. */
export type FollowUpForm = ResponseBody<'/api/patient-link/{token}', 'get'>['questions'];

/**
 * The same questions for the staff form, from the same domain wording the API sends the patient
 * (libs/domain: PROMIS PI 6a and PHQ-9 as published, Cadence's own pain, care and home-dose questions).
 */
export function staffQuestions(): FollowUpForm {
  return {
    painNrs: (['painNrsNow', 'painNrs7DayAverage'] as const).map((field) => ({
      field,
      text: PAIN_NRS_QUESTIONS[field],
      ...PAIN_NRS_ANCHORS,
    })),
    painInterference: {
      title: PROMIS_PAIN_INTERFERENCE_6A.title,
      loinc: PROMIS_PAIN_INTERFERENCE_6A.loinc,
      recall: PROMIS_PAIN_INTERFERENCE_6A.recall,
      items: PROMIS_PAIN_INTERFERENCE_6A.items.map(({ id, text }) => ({ id, text })),
      options: PROMIS_PAIN_INTERFERENCE_6A.options.map(({ value, label }) => ({ value, label })),
      copyrightNotice: PROMIS_PAIN_INTERFERENCE_6A.copyrightNotice,
      termsUrl: PROMIS_TERMS_URL,
    },
    phq9: {
      title: PHQ9.title,
      recall: PHQ9.recall,
      items: PHQ9.items.map(({ id, label }) => ({ id, text: label })),
      options: PHQ9.items[0].options.map(({ value, label }) => ({ value, label })),
    },
    bladder: BLADDER_SYMPTOMS.map((symptom) => ({ symptom, text: BLADDER_QUESTIONS[symptom] })),
    supportingCare: {
      text: SUPPORTING_CARE_QUESTION,
      options: SUPPORTING_CARE.map((value) => ({ value, label: SUPPORTING_CARE_LABELS[value] })),
    },
    homeDoses: {
      text: HOME_DOSE_QUESTION,
      routes: Object.entries(HOME_DOSE_ROUTE_LABELS).map(([value, label]) => ({ value, label })),
    },
    noteMaxLength: FOLLOW_UP_NOTE_MAX_LENGTH,
  };
}
