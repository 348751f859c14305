import { DomainError } from '../../common/errors/domain-error';

/** The errors of the users module, built in one place. */
export const usersErrors = {
  emailTaken: () =>
    new DomainError('EMAIL_TAKEN', 'An account with this email exists.', [
      { field: 'email', rule: 'unique', message: 'email is already in use' },
    ]),
  notSelf: () =>
    new DomainError('VALIDATION_FAILED', 'You cannot deactivate your own account.', [
      { field: 'id', rule: 'notSelf', message: 'an admin cannot deactivate their own account' },
    ]),
  notFound: () => new DomainError('NOT_FOUND', 'No such user in this clinic.'),
};
