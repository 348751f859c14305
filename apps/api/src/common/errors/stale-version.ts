import { DomainError } from './domain-error';

/**
 * 409 STALE_VERSION for an optimistic-concurrency refusal: the record named by `what` (e.g.
 * "course") is no longer at the version the client read. The body names the current version.
 */
export function staleVersion(what: string, currentVersion: number): DomainError {
  return new DomainError(
    'STALE_VERSION',
    `This ${what} was changed by someone else since you opened it; reload it and try again.`,
    [{ field: 'version', rule: 'current', message: `version must be the current version (${currentVersion})` }],
    { currentVersion },
  );
}
