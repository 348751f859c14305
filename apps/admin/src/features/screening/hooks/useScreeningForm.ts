import {
  conditionHolds,
  INSTRUMENTS,
  isRequired,
  scoreScreeningInstruments,
  validateAnswers,
  type AnswerError,
  type Answers,
  type AnswerValue,
  type InstrumentAnswers,
  type InstrumentResult,
  type ScreeningSex,
  type ScreeningTemplate,
  type TemplateItem,
} from '@cadence/domain';
import { useForm } from '@mantine/form';
import { useCallback, useMemo, useState } from 'react';
import { ApiError } from '../../../api/problem';

/** What the inputs hold: like Answers, but a number input may hold '' or half-typed text. */
export type FormAnswers = Record<string, unknown>;

/** Field path → message, for the inputs ('phq9.q3' for an item inside an instrument). */
export type FieldErrors = Record<string, string>;

export function toFormAnswers(template: ScreeningTemplate, answers: Answers | undefined): FormAnswers {
  const values: FormAnswers = {};
  for (const item of template.items) {
    const value = answers?.[item.id];
    if (item.type === 'instrument') {
      values[item.id] = typeof value === 'object' && value !== null ? { ...value } : {};
    } else if (value !== undefined && value !== null) {
      values[item.id] = value;
    } else {
      values[item.id] = item.type === 'yesno' || item.type === 'number' ? null : '';
    }
  }
  return values;
}

/** The answers to send: unanswered inputs left out, never sent as "no" or zero. */
export function toAnswers(template: ScreeningTemplate, values: FormAnswers): Answers {
  const answers: Record<string, AnswerValue> = {};
  for (const item of template.items) {
    const value = values[item.id];
    if (item.type === 'instrument') {
      const given: Record<string, number | boolean> = {};
      for (const [id, v] of Object.entries((value ?? {}) as InstrumentAnswers)) {
        if (typeof v === 'number' || typeof v === 'boolean') given[id] = v;
      }
      answers[item.id] = given;
    } else if (typeof value === 'string') {
      if (value.trim() !== '') answers[item.id] = item.type === 'text' ? value : value.trim();
    } else if (value !== null && value !== undefined) {
      answers[item.id] = value as AnswerValue;
    }
  }
  return answers;
}

/**
 * Follow-up questions (those required only when another answer holds) appear when they apply,
 * or when they already hold an answer; measurements and notes always show, marked optional.
 */
export function isShown(item: TemplateItem, answers: Answers): boolean {
  if (!item.requiredWhen) return true;
  if (item.type !== 'yesno' && item.type !== 'choice') return true;
  return conditionHolds(item.requiredWhen, answers) || answers[item.id] !== undefined;
}

/** "Blood pressure reading 1: systolic: expected 50–300 mmHg" → "Expected 50–300 mmHg" under its input. */
export function shortMessage(template: ScreeningTemplate, error: { itemId: string; message: string }): string {
  const [itemId, subId] = error.itemId.split('.');
  const item = template.items.find((i) => i.id === itemId);
  const prefixes = item
    ? subId && item.type === 'instrument'
      ? [`${INSTRUMENTS[item.instrument].id} ${subId}: `, `${item.label}: `]
      : [`${item.label}: `]
    : [];
  const prefix = prefixes.find((p) => error.message.startsWith(p));
  const text = prefix ? error.message.slice(prefix.length) : error.message;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Whether a path names something this form has an input for. */
export function isFormPath(template: ScreeningTemplate, path: string): boolean {
  const [itemId, subId] = path.split('.');
  const item = template.items.find((i) => i.id === itemId);
  if (!item) return false;
  if (subId === undefined) return true;
  return item.type === 'instrument' && INSTRUMENTS[item.instrument].items.some((i) => i.id === subId);
}

/** The API's `field` ('answers.phq9.q3', 'body.answers[phq9][q3]', 'phq9.q3') → 'phq9.q3'. */
export function toAnswerPath(field: string): string {
  return field
    .replace(/^(body|dto)\./, '')
    .replace(/^answers\.?/, '')
    .replace(/\[['"]?([^\]'"]+)['"]?\]/g, '.$1')
    .replace(/^\./, '');
}

function byPath(template: ScreeningTemplate, errors: readonly AnswerError[]): FieldErrors {
  const out: FieldErrors = {};
  for (const error of errors) out[error.itemId] ??= shortMessage(template, error);
  return out;
}

/** Moves focus and the view to the first question in `errors`, in the order they are asked. */
export function focusFirst(template: ScreeningTemplate, errors: FieldErrors): void {
  const paths = Object.keys(errors);
  const ordered = template.items.flatMap((item) =>
    item.type === 'instrument'
      ? INSTRUMENTS[item.instrument].items.map((sub) => `${item.id}.${sub.id}`).concat(item.id)
      : [item.id],
  );
  const first = ordered.find((p) => paths.includes(p));
  if (!first) return;
  const node = document.getElementById(questionDomId(first));
  node?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  node?.querySelector<HTMLElement>('input:checked, input, textarea, select')?.focus({ preventScroll: true });
}

/** `answers` without the items (or instrument questions) that `problems` name. */
export function withoutProblems(answers: Answers, problems: readonly AnswerError[]): Answers {
  if (problems.length === 0) return answers;
  const out: Record<string, AnswerValue> = { ...answers };
  for (const { itemId } of problems) {
    const [id, subId] = itemId.split('.');
    if (subId === undefined) delete out[id];
    else if (typeof out[id] === 'object' && out[id] !== null) {
      const rest = { ...(out[id] as InstrumentAnswers) };
      delete rest[subId];
      out[id] = rest;
    }
  }
  return out;
}

export const questionDomId = (path: string) => `question-${path.replace(/\./g, '-')}`;

/**
 * The screening form's state: answers as the nurse gives them, the domain's own checks on them
 * (range, type, required — the rules the API enforces), live instrument scores, and the API's
 * field errors placed on the matching questions.
 */
export function useScreeningForm(
  template: ScreeningTemplate,
  initial: Answers | undefined,
  sex: ScreeningSex | undefined,
) {
  const form = useForm<FormAnswers>({ mode: 'controlled', initialValues: toFormAnswers(template, initial) });
  /** Set once the nurse tries to submit: from then on every unanswered required question shows. */
  const [strict, setStrict] = useState(false);
  /** Inputs left at least once: a half-typed number is not an error while it is being typed. */
  const [visited, setVisited] = useState<ReadonlySet<string>>(new Set());
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});

  const answers = useMemo(() => toAnswers(template, form.values), [template, form.values]);
  const scores: Record<string, InstrumentResult> = useMemo(
    () => scoreScreeningInstruments(template, answers, { sex }),
    [template, answers, sex],
  );
  const draftProblems = useMemo(() => validateAnswers(template, answers, { partial: true }), [template, answers]);
  const submitProblems = useMemo(() => validateAnswers(template, answers, { partial: false }), [template, answers]);
  /** The answers the eligibility rules may judge now: those with a problem are left out until corrected. */
  const validAnswers = useMemo(() => withoutProblems(answers, draftProblems), [answers, draftProblems]);

  const errors: FieldErrors = useMemo(() => {
    const live = byPath(template, strict ? submitProblems : draftProblems);
    const shown: FieldErrors = {};
    for (const [path, message] of Object.entries(live)) {
      const item = template.items.find((i) => i.id === path);
      const typed = item && (item.type === 'number' || item.type === 'text' || item.type === 'date');
      if (strict || !typed || visited.has(path)) shown[path] = message;
    }
    return { ...serverErrors, ...shown };
  }, [template, strict, submitProblems, draftProblems, visited, serverErrors]);

  const setAnswer = useCallback(
    (path: string, value: unknown) => {
      form.setFieldValue(path, value);
      setServerErrors((current) => {
        if (!(path in current)) return current;
        const next = { ...current };
        delete next[path];
        return next;
      });
    },
    [form],
  );

  const markVisited = useCallback((path: string) => {
    setVisited((current) => (current.has(path) ? current : new Set(current).add(path)));
  }, []);

  /** Checks for saving a draft (wrong answers block it, missing ones do not). */
  const checkDraft = (): FieldErrors => {
    const found = byPath(template, draftProblems);
    setVisited(new Set(Object.keys(found).concat([...visited])));
    return found;
  };

  /** Checks for submitting: every required question answered. */
  const checkSubmit = (): FieldErrors => {
    setStrict(true);
    return byPath(template, submitProblems);
  };

  /**
   * Puts a 400's `errors[]` under the questions they name; returns the messages that fit no
   * question, to be shown above the form.
   */
  const applyServerErrors = (error: unknown): string[] => {
    if (!(error instanceof ApiError)) return [];
    const placed: FieldErrors = {};
    const elsewhere: string[] = [];
    for (const problem of error.fieldErrors) {
      const path = toAnswerPath(problem.field);
      const message = shortMessage(template, { itemId: path, message: problem.message });
      if (isFormPath(template, path)) placed[path] = placed[path] ? `${placed[path]} ${message}` : message;
      else elsewhere.push(problem.message);
    }
    setServerErrors(placed);
    requestAnimationFrame(() => focusFirst(template, placed));
    return elsewhere;
  };

  const required = (item: TemplateItem) => isRequired(item, answers);

  return {
    form,
    values: form.values,
    answers,
    validAnswers,
    hasInvalidAnswers: draftProblems.length > 0,
    scores,
    errors,
    strict,
    setAnswer,
    markVisited,
    checkDraft,
    checkSubmit,
    applyServerErrors,
    required,
    isDirty: form.isDirty(),
    resetDirty: () => form.resetDirty(),
  };
}

export type ScreeningFormState = ReturnType<typeof useScreeningForm>;
