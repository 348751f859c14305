import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { FieldError } from '../../common/errors/domain-error';

/** The media type of every FHIR answer (FHIR R4 §3.1.0.1.9 "application/fhir+json"). */
export const FHIR_JSON = 'application/fhir+json';

type IssueCode = OperationOutcomeIssue['code'];

/**
 * The issue type an HTTP status stands for (FHIR R4 ValueSet issue-type): the status says what
 * went wrong, the issue says it in FHIR's words.
 */
export function issueCodeOf(status: number): IssueCode {
  switch (status) {
    case 400:
      return 'invalid';
    case 401:
      return 'login';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 405:
    case 415:
      return 'not-supported';
    case 409:
      return 'conflict';
    case 410:
      return 'deleted';
    case 413:
      return 'too-costly';
    case 422:
      return 'business-rule';
    case 429:
      return 'throttled';
    default:
      return status >= 500 ? 'exception' : 'processing';
  }
}

export interface OutcomeInput {
  status: number;
  detail: string;
  /** The API's error code (VALIDATION_FAILED, FORBIDDEN, …), carried as the issue's details code. */
  code: string;
  correlationId: string;
  errors?: FieldError[];
}

/**
 * One issue per field error (its `expression` the field's path), or one issue for the whole
 * request when no field is named. Severity `error` for every 4xx, `fatal` for a 5xx.
 */
export function operationOutcomeOf(input: OutcomeInput): OperationOutcome {
  const severity = input.status >= 500 ? 'fatal' : 'error';
  const code = issueCodeOf(input.status);
  const details = (text: string) => ({
    coding: [{ system: 'https://cadence.dev/problems', code: input.code }],
    text,
  });
  const issue: OperationOutcomeIssue[] = input.errors?.length
    ? input.errors.map((error) => ({
        severity,
        code: error.rule === 'required' ? 'required' : code,
        details: details(error.message),
        diagnostics: `${error.rule}: ${error.message}`,
        expression: [error.field],
      }))
    : [{ severity, code, details: details(input.detail), diagnostics: input.detail }];
  return {
    resourceType: 'OperationOutcome',
    id: input.correlationId.replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 64) || undefined,
    issue,
  };
}
