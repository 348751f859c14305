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
  /** An admin who drops their own ADMIN role could lock the clinic out of its settings. */
  ownAdminRole: () =>
    new DomainError('VALIDATION_FAILED', 'You cannot remove your own admin role.', [
      { field: 'roles', rule: 'keepsOwnAdmin', message: 'roles must keep ADMIN on your own account' },
    ]),
  nothingToChange: () =>
    new DomainError('VALIDATION_FAILED', 'Nothing to change.', [
      { field: 'body', rule: 'changesSomething', message: 'send displayName or roles with a new value' },
    ]),
  notFound: () => new DomainError('NOT_FOUND', 'No such user in this clinic.'),
};
