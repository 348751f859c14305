import type { SessionActionRefusal } from '@cadence/domain';
import { DomainError, type FieldError } from '../../common/errors/domain-error';

/** The errors of the vitals flowsheet, built in one place. */
export const vitalsErrors = {
  sessionNotFound: () => new DomainError('NOT_FOUND', 'No such infusion session in this clinic.'),

  readingNotFound: () => new DomainError('NOT_FOUND', 'No such reading in this session.'),

  /** The domain's problems with a reading, each naming its field and the allowed range. */
  invalid: (problems: readonly FieldError[]) =>
    new DomainError('VALIDATION_FAILED', 'The reading cannot be stored as entered.', [...problems]),

  /** The session is not where readings are taken (before check-in, or discharged), with the workflow's reason. */
  notOpen: (refusal: SessionActionRefusal) =>
    new DomainError(
      'INVALID_TRANSITION',
      refusal.reason,
      [{ field: 'state', rule: 'transition', message: refusal.reason }],
      { reasons: [{ code: refusal.because, ruleId: `session.${refusal.action}`, message: refusal.reason }] },
    ),

  signed: () =>
    new DomainError(
      'INVALID_TRANSITION',
      'The session record is signed: readings cannot change; add an addendum.',
      [{ field: 'state', rule: 'signed', message: 'the session record is signed' }],
      { reasons: [{ code: 'SIGNED', ruleId: 'session.signed-is-final', message: 'The session record is signed' }] },
    ),

  /** A client id already used by a different entry: the tablet must not reuse it. */
  idTaken: () =>
    new DomainError(
      'ENTRY_ID_TAKEN',
      'Another entry was stored with this id: a retry must send the same reading, a new reading a new id.',
      [{ field: 'id', rule: 'sameContentOnRetry', message: 'id is already used by a different entry' }],
    ),

  alreadyVoided: () =>
    new DomainError('INVALID_TRANSITION', 'This reading is already marked entered in error.', [
      { field: 'readingId', rule: 'voidOnce', message: 'a reading is voided once' },
    ]),
};
