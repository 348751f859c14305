import { HOME_PROTOCOL_RULE, type SessionChangeProblem } from '@cadence/domain';
import { DomainError } from '../../common/errors/domain-error';
import { staleVersion } from '../../common/errors/stale-version';

/** The errors of the courses module, built in one place. */
export const coursesErrors = {
  notFound: () => new DomainError('NOT_FOUND', 'No such course in this clinic.'),
  patientNotFound: () => new DomainError('NOT_FOUND', 'No such patient in this clinic.'),
  protocolNotFound: () => new DomainError('NOT_FOUND', 'No such active protocol.'),
  protocolSuperseded: (
    protocol: { name: string; version: number },
    latest: { id: string; version: number },
  ): DomainError => {
    const message = `${protocol.name} version ${protocol.version} has been superseded by version ${latest.version}; book the current version.`;
    return new DomainError(
      'PROTOCOL_NOT_BOOKABLE',
      message,
      [{ field: 'protocolId', rule: 'latestVersion', message }],
      {
        reason: 'PROTOCOL_SUPERSEDED',
        currentProtocolId: latest.id,
        currentVersion: latest.version,
      },
    );
  },
  homeProtocol: (name: string) => new DomainError('PROTOCOL_NOT_BOOKABLE', `${name}: ${HOME_PROTOCOL_RULE}.`),
  notBooked: (status: string) =>
    new DomainError(
      'INVALID_TRANSITION',
      `The course is ${status.toLowerCase()}; only a booked course can be cancelled.`,
    ),
  underWay: (problem: SessionChangeProblem, appointmentIds: string[]) =>
    new DomainError('INVALID_TRANSITION', problem.message, [], { reason: problem.code, appointmentIds }),
  stale: (currentVersion: number) => staleVersion('course', currentVersion),
  approvalWithoutBooster: () =>
    new DomainError('VALIDATION_FAILED', 'A booster approval is cited only by a booster booking.', [
      {
        field: 'boosterApprovalId',
        rule: 'withBoosterOfCourseId',
        message: 'boosterApprovalId is given only with boosterOfCourseId',
      },
    ]),
};
