import type { AdverseEventProblem, SessionActionRefusal } from '@cadence/domain';
import { DomainError } from '../../common/errors/domain-error';
import { staleVersion } from '../../common/errors/stale-version';

const FIELD_OF: Partial<Record<AdverseEventProblem['field'], string>> = { onsetMs: 'onsetAt' };

/** The errors of the adverse-event record, built in one place. */
export const adverseEventsErrors = {
  sessionNotFound: () => new DomainError('NOT_FOUND', 'No such infusion session in this clinic.'),

  notFound: () => new DomainError('NOT_FOUND', 'No such adverse event in this clinic.'),

  /** The domain's problems with an event as entered (CTCAE term and grade, actions, outcome), each named. */
  invalid: (problems: readonly AdverseEventProblem[]) =>
    new DomainError(
      'VALIDATION_FAILED',
      'The adverse event cannot be recorded as entered.',
      problems.map((p) => {
        const field = FIELD_OF[p.field] ?? p.field;
        return { field, rule: p.rule, message: `${field} ${p.problem}` };
      }),
    ),

  nothingChanged: () =>
    new DomainError('VALIDATION_FAILED', 'The update changes nothing.', [
      { field: 'body', rule: 'atLeastOneChange', message: 'name at least one field with a new value' },
    ]),

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
      'The session record is signed: its adverse events cannot change; add an addendum.',
      [{ field: 'state', rule: 'signed', message: 'the session record is signed' }],
      { reasons: [{ code: 'SIGNED', ruleId: 'session.signed-is-final', message: 'The session record is signed' }] },
    ),

  /** Confirm and dismiss decide a draft; an event already decided stays as it was decided. */
  notDraft: (status: string) =>
    new DomainError('INVALID_TRANSITION', `This adverse event is ${status.toLowerCase()}, not a draft.`, [
      { field: 'status', rule: 'draft', message: `only a draft is confirmed or dismissed; this one is ${status}` },
    ]),

  dismissedIsFinal: () =>
    new DomainError('INVALID_TRANSITION', 'A dismissed draft is not edited; record a new event if there was one.', [
      { field: 'status', rule: 'notDismissed', message: 'a dismissed draft is not edited' },
    ]),

  idTaken: () =>
    new DomainError(
      'ENTRY_ID_TAKEN',
      'Another entry was stored with this id: a retry must send the same event, a new event a new id.',
      [{ field: 'id', rule: 'sameContentOnRetry', message: 'id is already used by a different entry' }],
    ),

  stale: (currentVersion: number) => staleVersion('adverse event', currentVersion),
};
