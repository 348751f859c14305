import type { FollowUpRecordProblem } from '@cadence/domain';
import { DomainError } from '../../common/errors/domain-error';

/** The errors of follow-up, built in one place. */
export const followUpErrors = {
  notFound: () => new DomainError('NOT_FOUND', 'No such follow-up in this clinic.'),
  recordNotFound: () => new DomainError('NOT_FOUND', 'No such follow-up record in this clinic.'),
  patientNotFound: () => new DomainError('NOT_FOUND', 'No such patient in this clinic.'),

  /** 400 naming each field and the rule it breaks, from the domain's followUpRecordProblems. */
  invalidRecord: (problems: readonly FollowUpRecordProblem[]) =>
    new DomainError(
      'VALIDATION_FAILED',
      `The follow-up cannot be stored: ${problems.length} answer${problems.length === 1 ? ' is' : 's are'} missing or invalid.`,
      problems.map(({ field, rule, message }) => ({ field, rule, message: `${field} ${message}` })),
    ),

  /** The client reused a record id for different content: it is not a retry. */
  idTaken: () =>
    new DomainError(
      'ENTRY_ID_TAKEN',
      'This id already names a different follow-up record; a retry sends the same content.',
      [{ field: 'id', rule: 'sameContentOnRetry', message: 'id already names a different follow-up record' }],
    ),

  alreadyReviewed: () =>
    new DomainError('INVALID_TRANSITION', 'The bladder answers of this record were reviewed already.', [
      { field: 'bladderReview', rule: 'once', message: 'a record is reviewed once' },
    ]),

  nothingToReview: () =>
    new DomainError(
      'INVALID_TRANSITION',
      'This record has no bladder symptom answered yes: there is nothing to review.',
      [{ field: 'bladderReview', rule: 'positiveAnswers', message: 'only yes answers are reviewed' }],
    ),

  /** A link is not sent for a follow-up that can no longer be answered, or needs no answer. */
  linkNotOffered: (why: string) =>
    new DomainError('INVALID_TRANSITION', `No link is sent: ${why}.`, [
      { field: 'followUp', rule: 'linkable', message: why },
    ]),

  /**
   * Unknown, tampered, used and expired links answer the same, so a caller learns nothing about
   * which it was, nor that a follow-up exists.
   */
  linkNotValid: () => new DomainError('NOT_FOUND', 'This link is not valid any more.'),

  linkThrottled: (retryAfterSeconds: number) =>
    new DomainError('TOO_MANY_ATTEMPTS', 'Too many requests from this address; try again later.', [], {
      retryAfterSeconds,
    }),
};
