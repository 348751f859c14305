/**
 * Urinary and bladder symptoms, asked at every follow-up. Repeated ketamine harms the bladder and no
 * safe cumulative dose is established (clinical-facts §9): the esketamine label asks to "monitor for
 * urinary tract and bladder symptoms", reported as pollakiuria, dysuria, urgency, nocturia and
 * cystitis. No validated ketamine-uropathy questionnaire was found (§9), so these five questions are
 * Cadence's own wording and any "yes" flags the course for a clinician's review before a booster.
 */
export const BLADDER_SYMPTOMS = [
  'FREQUENCY',
  'URGENCY',
  'PAIN_PASSING_URINE',
  'BLOOD_IN_URINE',
  'NIGHT_TIME_VOIDING',
] as const;
export type BladderSymptom = (typeof BLADDER_SYMPTOMS)[number];

export const BLADDER_QUESTIONS: Readonly<Record<BladderSymptom, string>> = {
  FREQUENCY: 'Since we last spoke, have you needed to pass urine more often than usual?',
  URGENCY: 'Have you had sudden urges to pass urine that are hard to put off?',
  PAIN_PASSING_URINE: 'Have you had pain or burning when passing urine?',
  BLOOD_IN_URINE: 'Have you seen blood in your urine?',
  NIGHT_TIME_VOIDING: 'Have you been getting up at night to pass urine more than usual?',
};

export type BladderAnswers = Readonly<Partial<Record<string, boolean | null>>>;

/** The symptoms answered "yes", in the questions' order; one is enough to flag the course. */
export function positiveBladderSymptoms(answers: BladderAnswers): BladderSymptom[] {
  return BLADDER_SYMPTOMS.filter((symptom) => answers[symptom] === true);
}
