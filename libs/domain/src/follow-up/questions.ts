import type { ProtocolRoute } from '../scheduling/protocol';

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
