import { DomainError } from '../../common/errors/domain-error';

/** The errors of the alerts inbox, built in one place. */
export const alertsErrors = {
  notFound: () => new DomainError('NOT_FOUND', 'No such alert in your inbox.'),
};
