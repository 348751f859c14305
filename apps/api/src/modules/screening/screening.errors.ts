import {
  blockingReasons,
  type AnswerError,
  type CombinedEligibility,
  type DecisionReasonProblem,
  type ScreeningActionRefusal,
  type ScreeningStatus,
} from '@cadence/domain';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { toEligibilityDto } from './eligibility.mapper';

/** At most this many answer problems are listed; the rest are summarised. */
const MAX_LISTED_ERRORS = 50;

/** The errors of the screening workflow and the eligibility gate, built in one place. */
export const screeningErrors = {
  notFound: () => new DomainError('NOT_FOUND', 'No such screening in this clinic.'),

  patientNotFound: () => new DomainError('NOT_FOUND', 'No such patient in this clinic.'),

  /** Answers that do not fit the checklist, each named (`answers.<itemId>`). */
  answers: (problems: readonly AnswerError[], partial: boolean) => {
    const errors: FieldError[] = problems.slice(0, MAX_LISTED_ERRORS).map((problem) => ({
      field: `answers.${problem.itemId}`,
      rule: problem.rule,
      message: problem.message,
    }));
    if (problems.length > MAX_LISTED_ERRORS) {
      errors.push({
        field: 'answers',
        rule: 'tooManyProblems',
        message: `${problems.length - MAX_LISTED_ERRORS} more problems not listed`,
      });
    }
    return new DomainError(
      'VALIDATION_FAILED',
      partial
        ? 'Some answers do not fit the checklist.'
        : 'The screening is incomplete or has answers that do not fit the checklist.',
      errors,
    );
  },

  stale: (currentVersion: number) =>
    new DomainError(
      'STALE_VERSION',
      'This screening was changed by someone else since you opened it; reload it and try again.',
      [{ field: 'version', rule: 'current', message: `version must be the current version (${currentVersion})` }],
      { currentVersion },
    ),

  /** The workflow's refusal of an action, with the screening's result where the result decided it. */
  refused: (refusal: ScreeningActionRefusal, result: ScreeningStatus | null) => {
    switch (refusal.because) {
      case 'STATUS': {
        const { action, status, needs } = refusal;
        const field = {
          field: 'status',
          // An addendum's rule has always been named for the state it needs.
          rule: action === 'addendum' ? 'signed' : 'transition',
          message: `${action} needs status ${needs}, not ${status}`,
        };
        return new DomainError(action === 'edit' ? 'SCREENING_NOT_EDITABLE' : 'INVALID_TRANSITION', refusal.reason, [
          field,
        ]);
      }
      case 'NEEDS_OVERRIDE_OR_DECLINE':
        return new DomainError(
          'INVALID_TRANSITION',
          refusal.reason,
          [{ field: 'result', rule: 'needsOverrideOrDecline', message: 'override with a reason, or decline' }],
          { result },
        );
      case 'NO_RESULT':
        return new DomainError(
          'INVALID_TRANSITION',
          refusal.reason,
          [{ field: 'result', rule: 'required', message: 'the screening has no result' }],
          { result },
        );
      case 'ABSOLUTE':
        return new DomainError(
          'INVALID_TRANSITION',
          refusal.reason,
          refusal.absolute.map((r) => ({ field: 'result', rule: r.ruleId, message: r.reason })),
          {
            result,
            reasons: refusal.absolute.map(({ ruleId, reason, severity, source }) => ({
              ruleId,
              reason,
              severity,
              source,
            })),
          },
        );
      case 'NOTHING_TO_OVERRIDE':
        return new DomainError(
          'INVALID_TRANSITION',
          refusal.reason,
          [{ field: 'result', rule: 'needsReview', message: `override needs a NEEDS_REVIEW result, not ${result}` }],
          { result, reasons: [] },
        );
      default: {
        const unknown: never = refusal;
        throw new Error(`No error for screening refusal ${JSON.stringify(unknown)}`);
      }
    }
  },

  /** The rule names are the request validation's, which refuses the same reasons first. */
  reason: (problem: DecisionReasonProblem) => {
    switch (problem.because) {
      case 'BLANK':
        return new DomainError('VALIDATION_FAILED', problem.reason, [
          { field: 'reason', rule: 'matches', message: 'reason must not be blank' },
        ]);
      case 'TOO_SHORT':
        return new DomainError('VALIDATION_FAILED', problem.reason, [
          {
            field: 'reason',
            rule: 'minLength',
            message: `reason must be longer than or equal to ${problem.minLength} characters`,
          },
        ]);
      default: {
        const unknown: never = problem;
        throw new Error(`No error for reason problem ${JSON.stringify(unknown)}`);
      }
    }
  },

  notCalendarDates: (count: number) =>
    new DomainError(
      'VALIDATION_FAILED',
      'Eligibility is decided per calendar day (YYYY-MM-DD).',
      Array.from({ length: count }, () => ({
        field: 'on',
        rule: 'isCalendarDate',
        message: 'on must be a real calendar date written YYYY-MM-DD',
      })),
    ),

  /**
   * 422 naming each refused day's blocking reasons; the body carries each refused day's decision.
   * Statuses and reasons, never answers: the caller may be a scheduler.
   */
  notEligible: (refused: readonly CombinedEligibility[]) =>
    new DomainError(
      'NOT_ELIGIBLE',
      `The patient is not eligible for treatment on ${refused.map((d) => `${d.on} (${d.status})`).join(', ')}.`,
      refused.flatMap((d) =>
        blockingReasons(d.reasons).map((r) => ({
          field: 'eligibility',
          rule: (r.type === 'rule' || r.type === 'pending') && r.ruleId ? r.ruleId : r.type,
          message: `${d.on}: ${r.reason}`,
        })),
      ),
      { eligibility: refused.map((d) => toEligibilityDto(d, false)) },
    ),
};
