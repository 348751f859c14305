/**
 * PROMIS Short Form v1.0 – Pain Interference 6a (adult), scored by the summed-score table.
 *
 * Items, order, LOINC codes and the 1–5 response scale: clinical-facts §1.1–1.2 (Assessment Center
 * form 0CC98AD0-9D47-49F5-9132-5826D0E4980C as exported by Stanford CHOIR; LOINC panel 90973-9,
 * answer list LL1017-4). The wording is shown as published, never altered, and always with
 * PROMIS_COPYRIGHT_NOTICE; the README says under which terms it is used.
 *
 * The raw → T table (§1.3) is computed, not read from the HealthMeasures scoring manual: the
 * Lord–Wingersky recursion and EAP with a N(0,1) prior over the items' graded-response parameters,
 * T = 50 + 10·EAP and SE = 10·posterior SD. The same method reproduces every row of the published
 * PI 4a table and PACIO's raw 15 → T 58.6. Check it against the manual before release.
 */

/** The notice LOINC carries with PROMIS item text (clinical-facts §1.4). */
export const PROMIS_COPYRIGHT_NOTICE =
  'Copyright © 2010 PROMIS Health Organization or other individuals/entities that have contributed information and materials to Assessment Center, and are being used with the permission of the copyright holders. Use of PROMIS instruments (e.g., item banks, short forms, profile measures) are subject to the PROMIS Terms and Conditions available at: http://www.assessmentcenter.net/TandC.aspx';

/** Where the terms of use are published (HealthMeasures, Obtain & Administer; clinical-facts §1.4). */
export const PROMIS_TERMS_URL =
  'https://www.healthmeasures.net/explore-measurement-systems/promis/obtain-administer-measures';

export const PROMIS_PI_6A_ITEM_IDS = ['PAININ9', 'PAININ22', 'PAININ31', 'PAININ34', 'PAININ12', 'PAININ36'] as const;
export type PromisPi6aItemId = (typeof PROMIS_PI_6A_ITEM_IDS)[number];

export interface PromisItem {
  id: PromisPi6aItemId;
  loinc: string;
  text: string;
}

export interface PromisOption {
  value: 1 | 2 | 3 | 4 | 5;
  label: string;
  loinc: string;
}

export interface PromisShortForm {
  title: string;
  loinc: string;
  recall: string;
  items: readonly PromisItem[];
  options: readonly PromisOption[];
  copyrightNotice: string;
}

export const PROMIS_PAIN_INTERFERENCE_6A: PromisShortForm = {
  title: 'PROMIS Short Form v1.0 – Pain Interference 6a',
  loinc: '90973-9',
  recall: 'In the past 7 days',
  items: [
    { id: 'PAININ9', loinc: '61758-9', text: 'How much did pain interfere with your day to day activities?' },
    { id: 'PAININ22', loinc: '61769-6', text: 'How much did pain interfere with work around the home?' },
    {
      id: 'PAININ31',
      loinc: '61773-8',
      text: 'How much did pain interfere with your ability to participate in social activities?',
    },
    { id: 'PAININ34', loinc: '61775-3', text: 'How much did pain interfere with your household chores?' },
    { id: 'PAININ12', loinc: '61761-3', text: 'How much did pain interfere with the things you usually do for fun?' },
    { id: 'PAININ36', loinc: '61777-9', text: 'How much did pain interfere with your enjoyment of social activities?' },
  ],
  options: [
    { value: 1, label: 'Not at all', loinc: 'LA6568-5' },
    { value: 2, label: 'A little bit', loinc: 'LA13863-8' },
    { value: 3, label: 'Somewhat', loinc: 'LA13909-9' },
    { value: 4, label: 'Quite a bit', loinc: 'LA13902-4' },
    { value: 5, label: 'Very much', loinc: 'LA13914-9' },
  ],
  copyrightNotice: PROMIS_COPYRIGHT_NOTICE,
};

/** Raw score → T-score and its standard error (clinical-facts §1.3), one row per raw score 6–30. */
export const PROMIS_PI_6A_T_SCORES: readonly { rawScore: number; tScore: number; standardError: number }[] = [
  { rawScore: 6, tScore: 41.1, standardError: 6.0 },
  { rawScore: 7, tScore: 48.6, standardError: 2.4 },
  { rawScore: 8, tScore: 50.7, standardError: 1.8 },
  { rawScore: 9, tScore: 52.2, standardError: 1.6 },
  { rawScore: 10, tScore: 53.4, standardError: 1.6 },
  { rawScore: 11, tScore: 54.5, standardError: 1.6 },
  { rawScore: 12, tScore: 55.6, standardError: 1.5 },
  { rawScore: 13, tScore: 56.6, standardError: 1.5 },
  { rawScore: 14, tScore: 57.6, standardError: 1.5 },
  { rawScore: 15, tScore: 58.6, standardError: 1.5 },
  { rawScore: 16, tScore: 59.5, standardError: 1.5 },
  { rawScore: 17, tScore: 60.4, standardError: 1.4 },
  { rawScore: 18, tScore: 61.2, standardError: 1.4 },
  { rawScore: 19, tScore: 62.1, standardError: 1.4 },
  { rawScore: 20, tScore: 63.0, standardError: 1.5 },
  { rawScore: 21, tScore: 63.8, standardError: 1.5 },
  { rawScore: 22, tScore: 64.8, standardError: 1.5 },
  { rawScore: 23, tScore: 65.7, standardError: 1.5 },
  { rawScore: 24, tScore: 66.7, standardError: 1.5 },
  { rawScore: 25, tScore: 67.6, standardError: 1.5 },
  { rawScore: 26, tScore: 68.7, standardError: 1.5 },
  { rawScore: 27, tScore: 69.8, standardError: 1.5 },
  { rawScore: 28, tScore: 71.0, standardError: 1.6 },
  { rawScore: 29, tScore: 72.6, standardError: 2.0 },
  { rawScore: 30, tScore: 76.3, standardError: 3.6 },
];

export type PromisAnswers = Readonly<Partial<Record<string, number | null>>>;

export interface PromisScore {
  /** True only when all six items are answered with one of the five values. */
  complete: boolean;
  /** 6–30; absent while incomplete: a missing answer is never scored. */
  rawScore?: number;
  tScore?: number;
  standardError?: number;
  missing: PromisPi6aItemId[];
  invalid: PromisPi6aItemId[];
}

const isOption = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;

/** Scores the short form: all six items are required; the summed score is looked up, never prorated. */
export function scorePromisPainInterference6a(answers: PromisAnswers): PromisScore {
  const missing: PromisPi6aItemId[] = [];
  const invalid: PromisPi6aItemId[] = [];
  let rawScore = 0;
  for (const id of PROMIS_PI_6A_ITEM_IDS) {
    const value = answers[id];
    if (value === undefined || value === null) missing.push(id);
    else if (!isOption(value)) invalid.push(id);
    else rawScore += value;
  }
  if (missing.length > 0 || invalid.length > 0) return { complete: false, missing, invalid };
  const { tScore, standardError } = PROMIS_PI_6A_T_SCORES[rawScore - 6];
  return { complete: true, rawScore, tScore, standardError, missing, invalid };
}
