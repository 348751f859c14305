/**
 * Answers as they arrive from a form: keyed by item id. An embedded instrument (PHQ-9 etc.)
 * is one item whose answer is its own map of item id → value. `null`/absent means "not answered",
 * never "no" or zero.
 */
export type InstrumentAnswers = Readonly<Record<string, number | boolean | null | undefined>>;
export type AnswerValue = boolean | number | string | InstrumentAnswers | null | undefined;
export type Answers = Readonly<Record<string, AnswerValue>>;

export const SEXES = ['FEMALE', 'MALE', 'OTHER', 'UNKNOWN'] as const;
export type Sex = (typeof SEXES)[number];

// Readers used by the rules: each returns undefined for a missing or mistyped answer, so a rule
// only fires on what was actually recorded.
export function yesNo(answers: Answers, id: string): boolean | undefined {
  const value = answers[id];
  return typeof value === 'boolean' ? value : undefined;
}

export function numberAnswer(answers: Answers, id: string): number | undefined {
  const value = answers[id];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function textAnswer(answers: Answers, id: string): string | undefined {
  const value = answers[id];
  return typeof value === 'string' ? value : undefined;
}

export function instrumentAnswers(answers: Answers, id: string): InstrumentAnswers | undefined {
  const value = answers[id];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}

export function isAnswered(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}
