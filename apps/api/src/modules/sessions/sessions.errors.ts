import type { SessionActionRefusal } from '@cadence/domain';
import { DomainError } from '../../common/errors/domain-error';
import { staleVersion } from '../../common/errors/stale-version';

/** A refused clinical rule as the problem body carries it: the domain's code, rule and sentence. */
export interface RuleReason {
  code: string;
  ruleId: string;
  message: string;
}

const asFieldErrors = (field: string, reasons: readonly RuleReason[]) =>
  reasons.map((r) => ({ field, rule: r.ruleId, message: r.message }));

/** The errors of the sessions module, built in one place. */
export const sessionsErrors = {
  appointmentNotFound: () => new DomainError('NOT_FOUND', 'No such appointment in this clinic.'),
  notFound: () => new DomainError('NOT_FOUND', 'No such infusion session in this clinic.'),
  stale: (currentVersion: number) => staleVersion('session', currentVersion),
  clinicStale: (currentVersion: number) => staleVersion("clinic's settings", currentVersion),
  notBooked: (status: string) =>
    new DomainError(
      'INVALID_TRANSITION',
      `Only a booked appointment is checked in; this one is ${status.toLowerCase().replace('_', '-')}.`,
      [],
      { reason: 'NOT_BOOKED' },
    ),
  courseNotBooked: (status: string) =>
    new DomainError(
      'INVALID_TRANSITION',
      `The course is ${status.toLowerCase()}: its sessions are not checked in.`,
      [],
      {
        reason: 'COURSE_NOT_BOOKED',
      },
    ),
  notToday: (day: string, today: string) =>
    new DomainError(
      'INVALID_TRANSITION',
      `The appointment is on ${day}; only today's (${today}) appointments are checked in.`,
      [],
      { reason: 'NOT_TODAY' },
    ),
  alreadyCheckedIn: () =>
    new DomainError('INVALID_TRANSITION', 'This appointment is already checked in.', [], {
      reason: 'ALREADY_CHECKED_IN',
    }),
  checkInClosed: (state: string) =>
    new DomainError(
      'INVALID_TRANSITION',
      `This session is ${state.toLowerCase().replace('_', ' ')}: the check-in changes only before the start.`,
      [],
      { reason: 'STATE' },
    ),
  /** The domain's refusal of a session action in the session's current state. */
  refused: (refusal: SessionActionRefusal) =>
    new DomainError('INVALID_TRANSITION', refusal.reason, [], { reason: refusal.because, action: refusal.action }),
  notClinician: (field: string) =>
    new DomainError('VALIDATION_FAILED', `${field} must name an active clinician of this clinic.`, [
      { field, rule: 'isClinician', message: `${field} must name an active clinician of this clinic` },
    ]),
  factProblem: (field: string, rule: string, message: string) =>
    new DomainError('VALIDATION_FAILED', message, [{ field, rule, message }]),
  overrideNotAllowed: (reasons: readonly RuleReason[]) =>
    new DomainError(
      'OVERRIDE_NOT_ALLOWED',
      'A clinician overrides only the relative reasons standing today; absolute ones always stand.',
      asFieldErrors('accepts', reasons),
      { reasons },
    ),
  dischargeNotAllowed: (reasons: readonly RuleReason[]) =>
    new DomainError(
      'DISCHARGE_NOT_ALLOWED',
      'The discharge check has not passed: the patient stays and is checked again.',
      asFieldErrors('discharge', reasons),
      { reasons },
    ),
  /** The record is not where signing needs it (not discharged, already signed, nurse first). */
  recordNotReady: (reasons: readonly RuleReason[]) =>
    new DomainError(
      'INVALID_TRANSITION',
      reasons.map((r) => r.message).join('; ') + '.',
      asFieldErrors('signature', reasons),
      {
        reason: 'STATE',
        reasons,
      },
    ),
  notSignedYet: () =>
    new DomainError(
      'INVALID_TRANSITION',
      'Addenda are added to a signed record; until then the record itself is completed.',
      [],
      {
        reason: 'NOT_SIGNED',
      },
    ),
  signingNotAllowed: (reasons: readonly RuleReason[]) =>
    new DomainError('SIGNING_NOT_ALLOWED', 'The record cannot be signed yet.', asFieldErrors('signature', reasons), {
      reasons,
    }),
};
