import { DomainError } from '../../common/errors/domain-error';

/** The errors of the outcomes module, built in one place. */
export const outcomesErrors = {
  patientNotFound: () => new DomainError('NOT_FOUND', 'No such patient in this clinic.'),
};
