import { bloodPressurePairProblem } from '../infusion/blood-pressure';
import { isAnswered, type Answers, type InstrumentAnswers } from './answers';
import { isCalendarDate } from '../patient';
import { INSTRUMENTS, scoreInstrument } from './instruments';
import { isRequired, type ScreeningTemplate, type TemplateItem } from './templates';

export type AnswerRule =
  'unknown_item' | 'type' | 'range' | 'integer' | 'option' | 'date' | 'max_length' | 'required' | 'pair';

/** A field-level problem; `itemId` is 'phq9.q3' for an item inside an embedded instrument. */
export interface AnswerError {
  itemId: string;
  rule: AnswerRule;
  message: string;
}

export interface ValidateOptions {
  /** A draft being saved: missing answers are fine, wrong ones are not. */
  partial: boolean;
}

/**
 * Checks answers against the template they claim to answer. Drafts (`partial`) may be incomplete;
 * a screening submitted for signing must answer every required item, including every asked item
 * of its instruments.
 */
export function validateAnswers(
  template: ScreeningTemplate,
  answers: Readonly<Record<string, unknown>>,
  options: ValidateOptions,
): AnswerError[] {
  const errors: AnswerError[] = [];
  const known = new Map(template.items.map((item) => [item.id, item]));

  for (const itemId of Object.keys(answers)) {
    if (!known.has(itemId))
      errors.push({
        itemId,
        rule: 'unknown_item',
        message: `'${itemId}' is not an item of ${template.key} v${template.version}`,
      });
  }

  for (const item of template.items) {
    const value = answers[item.id];
    if (!isAnswered(value)) {
      if (!options.partial && isRequired(item, answers as Answers)) {
        errors.push({ itemId: item.id, rule: 'required', message: `${item.label}: an answer is required` });
      }
      continue;
    }
    errors.push(...checkValue(item, value, options));
  }
  errors.push(...pairProblems(template, answers, errors));
  return errors;
}

/**
 * Readings that only make sense together: a `<name>_diastolic` item beside its `<name>_systolic`
 * must be the lower of the two. Checked once both are valid numbers, and reported on the diastolic.
 */
function pairProblems(
  template: ScreeningTemplate,
  answers: Readonly<Record<string, unknown>>,
  found: readonly AnswerError[],
): AnswerError[] {
  const out: AnswerError[] = [];
  for (const item of template.items) {
    if (item.type !== 'number' || !item.id.endsWith('_diastolic')) continue;
    const systolicId = item.id.replace(/_diastolic$/, '_systolic');
    const systolic = answers[systolicId];
    const diastolic = answers[item.id];
    if (typeof systolic !== 'number' || typeof diastolic !== 'number') continue;
    if (found.some((e) => e.itemId === item.id || e.itemId === systolicId)) continue;
    const problem = bloodPressurePairProblem(systolic, diastolic);
    if (problem) out.push({ itemId: item.id, rule: 'pair', message: `${item.label}: ${problem}` });
  }
  return out;
}

function checkValue(item: TemplateItem, value: unknown, options: ValidateOptions): AnswerError[] {
  const error = (rule: AnswerRule, message: string): AnswerError[] => [
    { itemId: item.id, rule, message: `${item.label}: ${message}` },
  ];
  switch (item.type) {
    case 'yesno':
      return typeof value === 'boolean' ? [] : error('type', 'expected yes or no');
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return error('type', 'expected a number');
      if (item.integer && !Number.isInteger(value)) return error('integer', `expected a whole number of ${item.unit}`);
      if (value < item.min || value > item.max) return error('range', `expected ${item.min}–${item.max} ${item.unit}`);
      return [];
    case 'choice':
      if (typeof value !== 'string') return error('type', 'expected one of the listed options');
      return item.options.some((o) => o.value === value)
        ? []
        : error('option', `'${value}' is not one of ${item.options.map((o) => o.value).join(', ')}`);
    case 'date':
      return isCalendarDate(value) ? [] : error('date', 'expected a calendar date (YYYY-MM-DD)');
    case 'text':
      if (typeof value !== 'string') return error('type', 'expected text');
      return value.length <= item.maxLength ? [] : error('max_length', `at most ${item.maxLength} characters`);
    case 'instrument':
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return error('type', 'expected the instrument answers');
      return checkInstrument(item.id, item.instrument, value as Record<string, unknown>, options);
  }
}

function checkInstrument(
  itemId: string,
  instrumentId: keyof typeof INSTRUMENTS,
  answers: Record<string, unknown>,
  options: ValidateOptions,
): AnswerError[] {
  const definition = INSTRUMENTS[instrumentId];
  const errors: AnswerError[] = [];
  const items = new Map(definition.items.map((i) => [i.id, i]));
  for (const [subId, value] of Object.entries(answers)) {
    const sub = items.get(subId);
    const path = `${itemId}.${subId}`;
    if (!sub) {
      errors.push({ itemId: path, rule: 'unknown_item', message: `'${subId}' is not an item of ${definition.id}` });
    } else if (value !== null && value !== undefined && !sub.options.some((o) => o.value === value)) {
      const allowed = sub.options.map((o) => String(o.value)).join(', ');
      errors.push({ itemId: path, rule: 'option', message: `${definition.id} ${subId}: expected one of ${allowed}` });
    }
  }
  if (!options.partial) {
    // The scorer knows the skip logic, so its `missing` list is exactly the asked-but-unanswered items.
    const { missing } = scoreInstrument(instrumentId, answers as InstrumentAnswers);
    for (const subId of missing) {
      errors.push({
        itemId: `${itemId}.${subId}`,
        rule: 'required',
        message: `${definition.id} ${subId}: an answer is required`,
      });
    }
  }
  return errors;
}
