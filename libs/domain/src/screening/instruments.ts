import type { InstrumentAnswers, Sex } from './answers';

/**
 * Validated screening instruments, scored exactly as published. An instrument with unanswered
 * items is reported incomplete with no score: a missing answer is never counted as zero, because
 * a half-filled PHQ-9 that sums to 4 is not "minimal depression".
 */

export const INSTRUMENT_IDS = ['PHQ9', 'GAD7', 'AUDITC', 'CSSRS_SCREEN'] as const;
export type InstrumentId = (typeof INSTRUMENT_IDS)[number];

export interface InstrumentOption {
  value: number | boolean;
  label: string;
}

/** Skip logic: the item is asked only when another item of the same instrument has this answer. */
export type AskedWhen = { itemId: string; equals: number | boolean } | { itemId: string; notEquals: number | boolean };

export interface InstrumentItem {
  id: string;
  label: string;
  options: readonly InstrumentOption[];
  askedWhen?: AskedWhen;
}

export interface ScoreBand {
  band: string;
  label: string;
  min: number;
  max: number;
}

export interface InstrumentDefinition {
  id: InstrumentId;
  title: string;
  /** The period the questions ask about, shown above the items. */
  recall: string;
  items: readonly InstrumentItem[];
  /** Highest possible total; absent where the result is a triage rather than a sum (C-SSRS). */
  maxScore?: number;
  /** Severity bands of the total; empty where the cut-off depends on the patient (AUDIT-C) or there is no total. */
  bands: readonly ScoreBand[];
}

export type InstrumentFlag = 'SUICIDALITY' | 'POSITIVE_SCREEN';

export interface InstrumentResult {
  instrument: InstrumentId;
  complete: boolean;
  /** Total score; undefined while incomplete and for the C-SSRS, which triages rather than sums. */
  score?: number;
  /** Severity band or risk level; undefined while incomplete. */
  band?: string;
  bandLabel?: string;
  /** Items that are asked (after skip logic) but unanswered. */
  missing: string[];
  /** Items whose answer is not one of the allowed values; they count as unanswered. */
  invalid: string[];
  /** Raised from whatever is answered, even when incomplete: a "yes" to self-harm is never hidden. */
  flags: InstrumentFlag[];
  notes: string[];
}

export interface ScoringContext {
  /** Needed by AUDIT-C, whose cut-off differs by sex. */
  sex?: Sex;
}

// ---------------------------------------------------------------------------------------------
// Definitions (short clinical wording; the full published wording belongs on the printed form)

const FREQUENCY_0_3: readonly InstrumentOption[] = [
  { value: 0, label: 'Not at all' },
  { value: 1, label: 'Several days' },
  { value: 2, label: 'More than half the days' },
  { value: 3, label: 'Nearly every day' },
];

const YES_NO: readonly InstrumentOption[] = [
  { value: true, label: 'Yes' },
  { value: false, label: 'No' },
];

function frequencyItems(labels: readonly string[]): InstrumentItem[] {
  return labels.map((label, i) => ({ id: `q${i + 1}`, label, options: FREQUENCY_0_3 }));
}

export const PHQ9: InstrumentDefinition = {
  id: 'PHQ9',
  title: 'Patient Health Questionnaire (PHQ-9)',
  recall: 'Over the last 2 weeks, how often have you been bothered by:',
  items: frequencyItems([
    'Little interest or pleasure in doing things',
    'Feeling down, depressed, or hopeless',
    'Trouble falling or staying asleep, or sleeping too much',
    'Feeling tired or having little energy',
    'Poor appetite or overeating',
    'Feeling bad about yourself, or that you are a failure or have let yourself or your family down',
    'Trouble concentrating on things, such as reading or watching television',
    'Moving or speaking so slowly that others could notice, or being so fidgety or restless',
    'Thoughts that you would be better off dead, or of hurting yourself in some way',
  ]),
  maxScore: 27,
  bands: [
    { band: 'NONE_MINIMAL', label: 'None–minimal', min: 0, max: 4 },
    { band: 'MILD', label: 'Mild', min: 5, max: 9 },
    { band: 'MODERATE', label: 'Moderate', min: 10, max: 14 },
    { band: 'MODERATELY_SEVERE', label: 'Moderately severe', min: 15, max: 19 },
    { band: 'SEVERE', label: 'Severe', min: 20, max: 27 },
  ],
};

export const GAD7: InstrumentDefinition = {
  id: 'GAD7',
  title: 'Generalised Anxiety Disorder (GAD-7)',
  recall: 'Over the last 2 weeks, how often have you been bothered by:',
  items: frequencyItems([
    'Feeling nervous, anxious, or on edge',
    'Not being able to stop or control worrying',
    'Worrying too much about different things',
    'Trouble relaxing',
    'Being so restless that it is hard to sit still',
    'Becoming easily annoyed or irritable',
    'Feeling afraid, as if something awful might happen',
  ]),
  maxScore: 21,
  bands: [
    { band: 'MINIMAL', label: 'Minimal', min: 0, max: 4 },
    { band: 'MILD', label: 'Mild', min: 5, max: 9 },
    { band: 'MODERATE', label: 'Moderate', min: 10, max: 14 },
    { band: 'SEVERE', label: 'Severe', min: 15, max: 21 },
  ],
};

/** AUDIT-C: the three consumption questions of the WHO AUDIT. */
export const AUDITC: InstrumentDefinition = {
  id: 'AUDITC',
  title: 'Alcohol Use Disorders Identification Test – Consumption (AUDIT-C)',
  recall: 'In the past year:',
  items: [
    {
      id: 'q1',
      label: 'How often do you have a drink containing alcohol?',
      options: [
        { value: 0, label: 'Never' },
        { value: 1, label: 'Monthly or less' },
        { value: 2, label: '2–4 times a month' },
        { value: 3, label: '2–3 times a week' },
        { value: 4, label: '4 or more times a week' },
      ],
    },
    {
      id: 'q2',
      label: 'How many standard drinks do you have on a typical day when you are drinking?',
      // As in the WHO AUDIT, someone who never drinks skips the quantity questions (they score 0).
      askedWhen: { itemId: 'q1', notEquals: 0 },
      options: [
        { value: 0, label: '1 or 2' },
        { value: 1, label: '3 or 4' },
        { value: 2, label: '5 or 6' },
        { value: 3, label: '7 to 9' },
        { value: 4, label: '10 or more' },
      ],
    },
    {
      id: 'q3',
      label: 'How often do you have 6 or more drinks on one occasion?',
      askedWhen: { itemId: 'q1', notEquals: 0 },
      options: [
        { value: 0, label: 'Never' },
        { value: 1, label: 'Less than monthly' },
        { value: 2, label: 'Monthly' },
        { value: 3, label: 'Weekly' },
        { value: 4, label: 'Daily or almost daily' },
      ],
    },
  ],
  maxScore: 12,
  // Positive or negative by a cut-off that depends on sex (AUDITC_CUTOFF), so no fixed bands.
  bands: [],
};

/** AUDIT-C positive-screen cut-offs (total at or above). */
export const AUDITC_CUTOFF = { MALE: 4, FEMALE: 3 } as const;

/** Columbia Suicide Severity Rating Scale, screen version (6 questions). */
export const CSSRS_SCREEN: InstrumentDefinition = {
  id: 'CSSRS_SCREEN',
  title: 'Columbia Suicide Severity Rating Scale – Screener (C-SSRS)',
  recall: 'Questions 1–5 ask about the past month; question 6 about lifetime and the past 3 months.',
  items: [
    { id: 'q1', label: 'Wished you were dead, or wished you could go to sleep and not wake up', options: YES_NO },
    { id: 'q2', label: 'Had any actual thoughts of killing yourself', options: YES_NO },
    // Q3–Q5 deepen a "yes" to Q2; after a "no" they are skipped, not missing.
    {
      id: 'q3',
      label: 'Thought about how you might do this (a method)',
      options: YES_NO,
      askedWhen: { itemId: 'q2', equals: true },
    },
    {
      id: 'q4',
      label: 'Had these thoughts and had some intention of acting on them',
      options: YES_NO,
      askedWhen: { itemId: 'q2', equals: true },
    },
    {
      id: 'q5',
      label:
        'Started to work out, or worked out, the details of how to kill yourself, and intend to carry out this plan',
      options: YES_NO,
      askedWhen: { itemId: 'q2', equals: true },
    },
    {
      id: 'q6',
      label: 'Ever done anything, started to do anything, or prepared to do anything to end your life',
      options: YES_NO,
    },
    {
      id: 'q6_recent',
      label: 'Was this within the past 3 months?',
      options: YES_NO,
      askedWhen: { itemId: 'q6', equals: true },
    },
  ],
  bands: [],
};

export const CSSRS_RISK_LEVELS = ['NONE', 'LOW', 'MODERATE', 'HIGH'] as const;
export type CssrsRisk = (typeof CSSRS_RISK_LEVELS)[number];

const CSSRS_RISK_LABEL: Record<CssrsRisk, string> = {
  NONE: 'No risk identified',
  LOW: 'Low risk',
  MODERATE: 'Moderate risk',
  HIGH: 'High risk',
};

/** Every instrument, keyed by id, so a form can render and score them live. */
export const INSTRUMENTS: Readonly<Record<InstrumentId, InstrumentDefinition>> = {
  PHQ9,
  GAD7,
  AUDITC,
  CSSRS_SCREEN,
};

// ---------------------------------------------------------------------------------------------
// Scoring

interface ItemReading {
  /** Valid answers, by item id. */
  values: Map<string, number | boolean>;
  missing: string[];
  invalid: string[];
}

function isAsked(item: InstrumentItem, values: Map<string, number | boolean>): boolean {
  const rule = item.askedWhen;
  if (!rule) return true;
  const gate = values.get(rule.itemId);
  // Until the gating question is answered the follow-up counts as asked, so the form shows it missing.
  if (gate === undefined) return true;
  return 'equals' in rule ? gate === rule.equals : gate !== rule.notEquals;
}

/**
 * Reads answers against the definition. An answer given to a skipped item is still read: a
 * positive answer is never thrown away because an earlier one was "no".
 */
function readItems(definition: InstrumentDefinition, answers: InstrumentAnswers): ItemReading {
  const values = new Map<string, number | boolean>();
  const invalid: string[] = [];
  for (const item of definition.items) {
    const raw = answers[item.id];
    if (raw === undefined || raw === null) continue;
    if (item.options.some((option) => option.value === raw)) values.set(item.id, raw);
    else invalid.push(item.id);
  }
  const missing = definition.items
    .filter((item) => !values.has(item.id) && !invalid.includes(item.id) && isAsked(item, values))
    .map((item) => item.id);
  return { values, missing, invalid };
}

function bandFor(definition: InstrumentDefinition, score: number): ScoreBand {
  const band = definition.bands.find((b) => score >= b.min && score <= b.max);
  if (!band) throw new RangeError(`${definition.id} score ${score} is outside every band`);
  return band;
}

function sumOf(values: Map<string, number | boolean>): number {
  let total = 0;
  for (const value of values.values()) if (typeof value === 'number') total += value;
  return total;
}

export function scorePhq9(answers: InstrumentAnswers): InstrumentResult {
  const { values, missing, invalid } = readItems(PHQ9, answers);
  // Item 9 asks about self-harm: any answer above "not at all" is flagged whatever the total.
  const item9 = values.get('q9');
  const flags: InstrumentFlag[] = typeof item9 === 'number' && item9 > 0 ? ['SUICIDALITY'] : [];
  return summed(PHQ9, values, missing, invalid, flags, []);
}

export function scoreGad7(answers: InstrumentAnswers): InstrumentResult {
  const { values, missing, invalid } = readItems(GAD7, answers);
  return summed(GAD7, values, missing, invalid, [], []);
}

export function scoreAuditC(answers: InstrumentAnswers, context: ScoringContext = {}): InstrumentResult {
  const { values, missing, invalid } = readItems(AUDITC, answers);
  const { cutoff, note } = auditCCutoff(context.sex);
  const notes = note ? [note] : [];
  if (missing.length > 0 || invalid.length > 0) return incomplete('AUDITC', missing, invalid, [], notes);
  const score = sumOf(values);
  const positive = score >= cutoff;
  return {
    instrument: 'AUDITC',
    complete: true,
    score,
    band: positive ? 'POSITIVE' : 'NEGATIVE',
    bandLabel: `${positive ? 'Positive' : 'Negative'} screen (cut-off ${cutoff})`,
    missing,
    invalid,
    flags: positive ? ['POSITIVE_SCREEN'] : [],
    notes,
  };
}

/** Men screen positive at 4 or more, women at 3; with no usable sex we use the more cautious 3. */
export function auditCCutoff(sex: Sex | undefined): { cutoff: number; note?: string } {
  if (sex === 'MALE') return { cutoff: AUDITC_CUTOFF.MALE };
  if (sex === 'FEMALE') return { cutoff: AUDITC_CUTOFF.FEMALE };
  return {
    cutoff: AUDITC_CUTOFF.FEMALE,
    note: `Sex is ${sex === 'OTHER' ? 'other' : 'not recorded'}: the lower (more cautious) cut-off of ${AUDITC_CUTOFF.FEMALE} was used.`,
  };
}

/**
 * C-SSRS screener triage from the answers given (a lower bound while incomplete):
 * Q4 or Q5 yes, or behaviour (Q6) within 3 months → HIGH; Q3 yes or lifetime-only behaviour →
 * MODERATE; Q1 or Q2 yes → LOW. Behaviour whose timing is not yet recorded is treated as recent,
 * the careful reading.
 */
export function cssrsRiskLevel(answers: InstrumentAnswers): CssrsRisk {
  const yes = (id: string) => answers[id] === true;
  const behaviourRecent = yes('q6') && answers['q6_recent'] !== false;
  if (yes('q4') || yes('q5') || behaviourRecent) return 'HIGH';
  if (yes('q3') || yes('q6')) return 'MODERATE';
  if (yes('q1') || yes('q2')) return 'LOW';
  return 'NONE';
}

export function scoreCssrsScreen(answers: InstrumentAnswers): InstrumentResult {
  const { values, missing, invalid } = readItems(CSSRS_SCREEN, answers);
  // Any "yes" (the recency follow-up aside, which only times Q6) is a suicidality flag.
  const anyPositive = CSSRS_SCREEN.items.some((item) => item.id !== 'q6_recent' && values.get(item.id) === true);
  const flags: InstrumentFlag[] = anyPositive ? ['SUICIDALITY'] : [];
  if (missing.length > 0 || invalid.length > 0) return incomplete('CSSRS_SCREEN', missing, invalid, flags, []);
  const risk = cssrsRiskLevel(answers);
  return {
    instrument: 'CSSRS_SCREEN',
    complete: true,
    band: risk,
    bandLabel: CSSRS_RISK_LABEL[risk],
    missing,
    invalid,
    flags,
    notes: [],
  };
}

export function scoreInstrument(
  id: InstrumentId,
  answers: InstrumentAnswers,
  context: ScoringContext = {},
): InstrumentResult {
  switch (id) {
    case 'PHQ9':
      return scorePhq9(answers);
    case 'GAD7':
      return scoreGad7(answers);
    case 'AUDITC':
      return scoreAuditC(answers, context);
    case 'CSSRS_SCREEN':
      return scoreCssrsScreen(answers);
  }
}

function summed(
  definition: InstrumentDefinition,
  values: Map<string, number | boolean>,
  missing: string[],
  invalid: string[],
  flags: InstrumentFlag[],
  notes: string[],
): InstrumentResult {
  if (missing.length > 0 || invalid.length > 0) return incomplete(definition.id, missing, invalid, flags, notes);
  const score = sumOf(values);
  const band = bandFor(definition, score);
  return {
    instrument: definition.id,
    complete: true,
    score,
    band: band.band,
    bandLabel: band.label,
    missing,
    invalid,
    flags,
    notes,
  };
}

function incomplete(
  instrument: InstrumentId,
  missing: string[],
  invalid: string[],
  flags: InstrumentFlag[],
  notes: string[],
): InstrumentResult {
  return { instrument, complete: false, missing, invalid, flags, notes };
}
