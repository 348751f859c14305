import { DomainError } from '../../common/errors/domain-error';

/** The errors of the calendar module, built in one place. */
export const calendarErrors = {
  patientNotFound: () => new DomainError('NOT_FOUND', 'No such patient in this clinic.'),
};
