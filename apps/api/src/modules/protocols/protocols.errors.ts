import type { ProtocolProblem } from '@cadence/domain';
import { DomainError } from '../../common/errors/domain-error';

/** The errors of the protocols module, built in one place. */
export const protocolsErrors = {
  /** Header fields repeated in the definition must agree with the protocol they are published as. */
  definitionDisagrees: (fields: readonly string[]) =>
    new DomainError(
      'VALIDATION_FAILED',
      'The definition disagrees with the protocol it is published as.',
      fields.map((field) => ({
        field: `definition.${field}`,
        rule: 'matchesProtocol',
        message: `definition.${field} must equal ${field}`,
      })),
    ),
  invalidDefinition: (problems: readonly ProtocolProblem[]) =>
    new DomainError(
      'VALIDATION_FAILED',
      'The protocol definition is not a valid protocol.',
      problems.map((p) => ({
        field: p.path ? `definition.${p.path}` : 'definition',
        rule: 'protocol',
        message: p.message,
      })),
    ),
  /** Another clinic's versions answer the same as ids that do not exist. */
  notFound: () => new DomainError('NOT_FOUND', 'No such protocol version in this clinic.'),
};
