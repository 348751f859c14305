import { DomainError } from '../../common/errors/domain-error';

/** The errors of the auth module, built in one place. */
export const authErrors = {
  invalidCredentials: () => new DomainError('INVALID_CREDENTIALS', 'The email or password is not correct.'),
  tooManyAttempts: (retryAfterSeconds: number) =>
    new DomainError('TOO_MANY_ATTEMPTS', 'Too many failed sign-in attempts. Try again later.', [], {
      retryAfterSeconds,
    }),
  sessionEnded: () => new DomainError('UNAUTHENTICATED', 'The session has ended; sign in again.'),
  inactive: () => new DomainError('UNAUTHENTICATED', 'The account is no longer active.'),
};
