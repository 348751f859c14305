import type { SessionChangeProblem } from '@cadence/domain';
import { DomainError } from '../../common/errors/domain-error';
import { staleVersion } from '../../common/errors/stale-version';

/** The errors of the appointments module, built in one place. */
export const appointmentsErrors = {
  notFound: () => new DomainError('NOT_FOUND', 'No such appointment in this clinic.'),
  boardRange: (maxDays: number) =>
    new DomainError('VALIDATION_FAILED', `The board shows a range of up to ${maxDays} days.`, [
      { field: 'to', rule: 'range', message: `to must be after from and at most ${maxDays} days later` },
    ]),
  notBooked: (status?: string) =>
    new DomainError(
      'INVALID_TRANSITION',
      `Only a booked appointment can change${status ? `; this one is ${status.toLowerCase().replace('_', '-')}` : ''}.`,
    ),
  tooLate: (problem: SessionChangeProblem) =>
    new DomainError('INVALID_TRANSITION', problem.message, [], { reason: problem.code }),
  notStarted: () =>
    new DomainError('INVALID_TRANSITION', 'An appointment can be marked a no-show only once it has started.'),
  checkedIn: () =>
    new DomainError(
      'INVALID_TRANSITION',
      'The patient has checked in: the appointment is no longer moved, cancelled or marked a no-show.',
      [],
      { reason: 'CHECKED_IN' },
    ),
  stale: (currentVersion: number) => staleVersion('appointment', currentVersion),
};
