import type { FormErrors } from '@mantine/form';
import { ApiError } from '../api/problem';

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
export function applyApiFieldErrors(
  form: { setErrors: (errors: FormErrors) => void },
  error: unknown,
  isFormField: (path: string) => boolean,
): string[] {
  if (!(error instanceof ApiError)) return [];
  const onForm: FormErrors = {};
  const elsewhere: string[] = [];
  for (const problem of error.fieldErrors) {
    const path = toFormPath(problem.field);
    if (isFormField(path)) {
      onForm[path] = onForm[path] ? `${onForm[path]} ${problem.message}` : problem.message;
    } else {
      elsewhere.push(problem.field ? `${problem.field}: ${problem.message}` : problem.message);
    }
  }
  form.setErrors(onForm);
  return elsewhere;
}

/** Empty or whitespace-only text becomes undefined (left out of a request). */
export function optionalText(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed ? trimmed : undefined;
}
