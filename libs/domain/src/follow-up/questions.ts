import type { ProtocolRoute } from '../scheduling/protocol';
import { PHQ9 } from '../screening/instruments';
import { BLADDER_QUESTIONS, BLADDER_SYMPTOMS, type BladderSymptom } from './bladder';
import { PROMIS_PAIN_INTERFERENCE_6A, PROMIS_TERMS_URL } from './promis-pain-interference';
import { FOLLOW_UP_NOTE_MAX_LENGTH } from './record';
import { SUPPORTING_CARE, SUPPORTING_CARE_LABELS, type SupportingCare } from './supporting-care';

/**
 * The wording of the follow-up questions that are not a published instrument (PROMIS PI 6a and
 * PHQ-9 keep their own): the two pain scores on the 0–10 NRS, supporting care and ketamine taken at
 * home. Cadence's own wording, the same for a nurse reading it out and for the patient's own page.
 */
export const PAIN_NRS_QUESTIONS = {
  painNrsNow: 'On a scale from 0 to 10, how bad is your pain right now?',
  painNrs7DayAverage: 'On a scale from 0 to 10, how bad has your pain been on average over the past 7 days?',
} as const;

/** The NRS's anchors (LOINC 72514-3: 0 no pain, 10 worst pain imaginable). */
export const PAIN_NRS_ANCHORS = { min: 0, minLabel: 'No pain', max: 10, maxLabel: 'Worst pain imaginable' } as const;

export const SUPPORTING_CARE_QUESTION = 'Which of these are you using at the moment, alongside your treatment?';

export const HOME_DOSE_QUESTION =
  'Since we last spoke, have you taken any ketamine at home? List each dose: when you took it, how, and how many milligrams.';

/** How ketamine is taken at home; IV is given in clinic only, on the flowsheet. */
export const HOME_DOSE_ROUTE_LABELS: Readonly<Record<Exclude<ProtocolRoute, 'IV'>, string>> = {
  ORAL: 'By mouth',
  INTRANASAL: 'Nasal spray',
  IM: 'Injection into a muscle',
  TOPICAL: 'On the skin',
};

interface Choice<T> {
  value: T;
  label: string;
}

/** Every question of a follow-up as one form: what the patient's page receives and the staff form shows. */
export interface FollowUpQuestionnaire {
  painNrs: {
    field: keyof typeof PAIN_NRS_QUESTIONS;
    text: string;
    min: number;
    minLabel: string;
    max: number;
    maxLabel: string;
  }[];
  painInterference: {
    title: string;
    loinc: string;
    recall: string;
    items: { id: string; text: string }[];
    options: Choice<number>[];
    copyrightNotice: string;
    termsUrl: string;
  };
  // PHQ-9 shares the screening instruments' option type, whose values may be yes/no.
  phq9: { title: string; recall: string; items: { id: string; text: string }[]; options: Choice<number | boolean>[] };
  bladder: { symptom: BladderSymptom; text: string }[];
  supportingCare: { text: string; options: Choice<SupportingCare>[] };
  homeDoses: { text: string; routes: Choice<string>[] };
  noteMaxLength: number;
}

/** The follow-up's questions: the instruments as published, and Cadence's own wording above. */
export function followUpQuestionnaire(): FollowUpQuestionnaire {
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
