import { assessFollowUpRecord } from '@cadence/domain';
import { useForm } from '@mantine/form';
import { useCallback, useMemo, useState } from 'react';
import { ApiError } from '../../../api/problem';
import {
  emptyRecordValues,
  formOrder,
  problemsByPath,
  questionDomId,
  recordFormPath,
  recordProblems,
  toRecordInput,
  visibleErrors,
  type RecordErrors,
  type RecordValues,
} from '../recordForm';

/** Moves to the first question with a message, in the form's order (dose rows after the list). */
function focusFirst(errors: RecordErrors) {
  const order = formOrder();
  const paths = Object.keys(errors).sort((a, b) => rank(order, a) - rank(order, b));
  const first = paths[0];
  if (!first) return;
  const node =
    document.getElementById(questionDomId(first)) ?? document.getElementById(questionDomId(first.split('.')[0]));
  node?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  node?.querySelector<HTMLElement>('input:checked, input, textarea, select, button')?.focus({ preventScroll: true });
}

function rank(order: string[], path: string): number {
  const at = order.indexOf(path);
  if (at >= 0) return at;
  return path.startsWith('homeDoses.') ? order.length : order.length + 1;
}

/**
 * A follow-up record as it is taken: the answers, the domain's own checks on them (the rules the
 * API enforces, live), the PROMIS and PHQ-9 scores and flags as they are answered, and the API's
 * field errors placed beside the matching questions.
 */
export function useRecordForm(options: { zone: string; lastContactAtMs?: number | null }) {
  const { zone, lastContactAtMs } = options;
  const form = useForm<RecordValues>({ mode: 'controlled', initialValues: emptyRecordValues() });
  const [strict, setStrict] = useState(false);
  const [visited, setVisited] = useState<ReadonlySet<string>>(new Set());
  const [serverErrors, setServerErrors] = useState<RecordErrors>({});

  const values = form.values;
  // Cheap enough to run on every change; "now" is read each time, so a dose typed as the clock
  // passes it is judged against the time it is checked.
  const problems = recordProblems(values, { nowMs: Date.now(), lastContactAtMs, zone });
  const assessment = useMemo(() => assessFollowUpRecord(toRecordInput(values, 0, zone)), [values, zone]);

  const errors: RecordErrors = { ...serverErrors, ...visibleErrors(problems, strict, visited) };

  const setValue = useCallback(
    (path: string, value: unknown) => {
      form.setFieldValue(path, value as never);
      setServerErrors((current) => {
        const key = recordFormPath(path);
        if (!(key in current)) return current;
        const next = { ...current };
        delete next[key];
        return next;
      });
    },
    [form],
  );

  const markVisited = useCallback((path: string) => {
    setVisited((current) => (current.has(path) ? current : new Set(current).add(path)));
  }, []);

  /** Before sending: every problem shows; true when there are none. */
  const check = (): boolean => {
    setStrict(true);
    const found = problemsByPath(recordProblems(values, { nowMs: Date.now(), lastContactAtMs, zone }));
    if (Object.keys(found).length > 0) requestAnimationFrame(() => focusFirst(found));
    return Object.keys(found).length === 0;
  };

  /** A 400/422's `errors[]` beside their questions; returns the messages that fit none. */
  const applyServerErrors = (error: unknown): string[] => {
    if (!(error instanceof ApiError)) return [];
    const placed: RecordErrors = {};
    const elsewhere: string[] = [];
    const known = new Set(formOrder());
    for (const problem of error.fieldErrors) {
      const path = recordFormPath(problem.field);
      const message = problem.message.charAt(0).toUpperCase() + problem.message.slice(1);
      if (known.has(path) || /^homeDoses\.\d+\.(route|mg|takenAt)$/.test(path) || path === 'note')
        placed[path] = placed[path] ? `${placed[path]} ${message}` : message;
      else elsewhere.push(`${problem.field}: ${problem.message}`);
    }
    setServerErrors(placed);
    requestAnimationFrame(() => focusFirst(placed));
    return elsewhere;
  };

  return {
    form,
    values,
    errors,
    strict,
    assessment,
    setValue,
    markVisited,
    check,
    applyServerErrors,
    problemCount: problems.length,
    /** The record as the domain reads it, taken at `recordedAtMs`. */
    input: (recordedAtMs: number) => toRecordInput(values, recordedAtMs, zone),
  };
}

export type RecordFormState = ReturnType<typeof useRecordForm>;
