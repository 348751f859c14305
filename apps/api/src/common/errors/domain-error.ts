/** A field-level problem, as returned in a problem+json body's `errors`. */
export interface FieldError {
  field: string;
  rule: string;
  message: string;
}

/**
 * Every error the API answers on purpose. The problem filter maps each code to an HTTP status
 * through an exhaustive switch, so a new code cannot ship without a status.
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'TOO_MANY_ATTEMPTS'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'MRN_TAKEN'
  | 'EMAIL_TAKEN'
  | 'STALE_VERSION'
  | 'SCREENING_NOT_EDITABLE'
  | 'INVALID_TRANSITION'
  | 'NOT_ELIGIBLE'
  | 'SLOT_TAKEN'
  | 'PLAN_INFEASIBLE'
  | 'NAME_TAKEN'
  | 'PROTOCOL_NOT_BOOKABLE'
  | 'ENTRY_ID_TAKEN'
  | 'START_REFUSED'
  | 'DOSE_REFUSED'
  | 'OVERRIDE_NOT_ALLOWED'
  | 'DISCHARGE_NOT_ALLOWED'
  | 'SIGNING_NOT_ALLOWED'
  | 'BOOSTER_NOT_ALLOWED';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: FieldError[] = [],
    /** Extra members for the problem body (e.g. the current version on a stale update). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
      return 400;
    case 'UNAUTHENTICATED':
    case 'INVALID_CREDENTIALS':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'MRN_TAKEN':
    case 'EMAIL_TAKEN':
    case 'STALE_VERSION':
    case 'SCREENING_NOT_EDITABLE':
    case 'INVALID_TRANSITION':
    case 'SLOT_TAKEN':
    case 'PLAN_INFEASIBLE':
    case 'NAME_TAKEN':
    case 'ENTRY_ID_TAKEN':
      return 409;
    case 'NOT_ELIGIBLE':
    case 'PROTOCOL_NOT_BOOKABLE':
    case 'START_REFUSED':
    case 'DOSE_REFUSED':
    case 'OVERRIDE_NOT_ALLOWED':
    case 'DISCHARGE_NOT_ALLOWED':
    case 'SIGNING_NOT_ALLOWED':
    case 'BOOSTER_NOT_ALLOWED':
      return 422;
    case 'TOO_MANY_ATTEMPTS':
      return 429;
    default: {
      const unreachable: never = code;
      throw new Error(`No HTTP status for ${String(unreachable)}`);
    }
  }
}
