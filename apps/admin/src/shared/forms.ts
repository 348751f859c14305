import type { FormErrors } from '@mantine/form';
import { ApiError, describeError, isApiError } from '../api/problem';

/** `diagnoses[0].icd10Code` or `body.mrn` → the form path `diagnoses.0.icd10Code` / `mrn`. */
export function toFormPath(field: string): string {
  return field
    .replace(/^(body|dto)\./, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '');
}

/**
 * Puts the API's field errors (problem+json `errors[]`) under the matching inputs.
 * Returns the messages that belong to no input on this form, to be shown above it.
 */
interface FormLike {
  setErrors: (errors: FormErrors) => void;
  getInputNode: (path: string) => HTMLElement | null;
}

/** Moves the cursor (and the scroll position) to the first field with an error. */
export function focusFirstError(form: Pick<FormLike, 'getInputNode'>, errors: FormErrors): void {
  const first = Object.keys(errors).find((path) => errors[path]);
  if (first) form.getInputNode(first)?.focus();
}

export function applyApiFieldErrors(
  form: FormLike,
  error: unknown,
  isFormField: (path: string) => boolean,
  labels: Record<string, string> = {},
  toPath: (field: string) => string = toFormPath,
): string[] {
  if (!(error instanceof ApiError)) return [];
  const onForm: FormErrors = {};
  const elsewhere: string[] = [];
  for (const problem of error.fieldErrors) {
    const path = toPath(problem.field);
    const message = withLabel(problem.message, path, labels);
    if (isFormField(path)) {
      onForm[path] = onForm[path] ? `${onForm[path]} ${message}` : message;
    } else {
      elsewhere.push(message);
    }
  }
  form.setErrors(onForm);
  // After React has rendered the messages.
  requestAnimationFrame(() => focusFirstError(form, onForm));
  return elsewhere;
}

/**
 * A refused save on a form: the API's field errors go beside their inputs; what belongs to no
 * input (or an error without field errors) comes back as sentences for the alert above the form.
 */
export function apiErrorsOnForm(
  form: FormLike,
  error: unknown,
  isFormField: (path: string) => boolean,
  labels: Record<string, string> = {},
  toPath: (field: string) => string = toFormPath,
): string[] {
  const unplaced = applyApiFieldErrors(form, error, isFormField, labels, toPath);
  const placedAny = isApiError(error) && error.fieldErrors.length > unplaced.length;
  if (unplaced.length > 0) return unplaced;
  return placedAny ? [] : [describeError(error)];
}

/**
 * "closesAt must be after opensAt" reads better under the input as "Closing time must be after
 * opening time": the field's own name becomes its label, other fields' names their labels in lower case.
 */
function withLabel(message: string, path: string, labels: Record<string, string>): string {
  const name = path.split('.').pop() ?? path;
  const label = labels[name];
  let text = label && message.startsWith(`${name} `) ? `${label}${message.slice(name.length)}` : message;
  for (const [field, other] of Object.entries(labels)) {
    text = text.replace(new RegExp(`\\b${field}\\b`, 'g'), other.toLowerCase());
  }
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The domain's field problems (the same checks the API runs on save) as errors beside the inputs,
 * so the admin hears about them before sending.
 */
export function domainFormErrors(
  problems: readonly { field: string; message: string }[],
  labels: Record<string, string> = {},
  toPath: (field: string) => string = toFormPath,
): FormErrors {
  const errors: FormErrors = {};
  for (const problem of problems) {
    const path = toPath(problem.field);
    const message = withLabel(problem.message, path, labels);
    errors[path] = errors[path] ? `${errors[path]} ${message}` : message;
  }
  return errors;
}

/** Empty or whitespace-only text becomes undefined (left out of a request). */
export function optionalText(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed ? trimmed : undefined;
}
