import type { ClinicalReason, SessionActionRefusal } from '@cadence/domain';
import { DomainError } from '../../common/errors/domain-error';

const reasonBody = ({ code, ruleId, severity, message }: ClinicalReason) => ({ code, ruleId, severity, message });

/** The errors of dosing, built in one place. */
export const dosingErrors = {
  sessionNotFound: () => new DomainError('NOT_FOUND', 'No such infusion session in this clinic.'),
  patientNotFound: () => new DomainError('NOT_FOUND', 'No such patient in this clinic.'),

  /** The session is not in a state that takes this step (409), or its check-in is not cleared (422). */
  refused: (refusal: SessionActionRefusal) =>
    refusal.because === 'STATE'
      ? new DomainError('INVALID_TRANSITION', refusal.reason, [
          {
            field: 'state',
            rule: 'transition',
            message: `${refusal.action} needs state ${refusal.needs.join(' or ')}, not ${refusal.state}`,
          },
        ])
      : new DomainError('START_REFUSED', refusal.reason, [
          { field: 'checkIn', rule: 'session.check-in-cleared', message: refusal.reason },
        ]),

  notOrderable: (state: string) =>
    new DomainError('INVALID_TRANSITION', `A dose is ordered from check-in until the stop; this session is ${state}.`, [
      { field: 'state', rule: 'transition', message: `an order needs state CHECKED_IN or INFUSING, not ${state}` },
    ]),

  /** A step that cannot follow the session's steps: no order, a second START, anything after the STOP. */
  outOfSequence: (reason: ClinicalReason) =>
    new DomainError(
      'INVALID_TRANSITION',
      reason.message,
      [{ field: 'kind', rule: reason.ruleId, message: reason.message }],
      {
        reasons: [reasonBody(reason)],
      },
    ),

  /**
   * 422 naming each rule that still holds the dose: absolute ones always, relative ones until a
   * clinician accepts them in writing (`override.accepts`).
   */
  doseRefused: (standing: readonly ClinicalReason[], totals?: unknown) =>
    new DomainError(
      'DOSE_REFUSED',
      `The dose is held: ${standing.map((r) => r.message).join('; ')}.`,
      standing.map((r) => ({
        field: r.severity === 'RELATIVE' ? 'override' : 'dose',
        rule: r.ruleId,
        message:
          r.severity === 'RELATIVE'
            ? `${r.message} (a clinician may accept ${r.code} with a written reason)`
            : r.message,
      })),
      { reasons: standing.map(reasonBody), ...(totals ? { totalsMg: totals } : {}) },
    ),

  overrideNeedsClinician: () =>
    new DomainError('FORBIDDEN', 'Only a clinician overrides a dosing rule.', [
      { field: 'override', rule: 'clinicianOnly', message: 'an override is given by a clinician' },
    ]),

  /** The client reused an id for different content: it is not a retry. */
  idTaken: (what: string) =>
    new DomainError('ENTRY_ID_TAKEN', `This id already names a different ${what}; a retry sends the same content.`, [
      { field: 'id', rule: 'sameContentOnRetry', message: `id already names a different ${what}` },
    ]),

  field: (field: string, rule: string, message: string) =>
    new DomainError('VALIDATION_FAILED', message, [{ field, rule, message }]),
};
