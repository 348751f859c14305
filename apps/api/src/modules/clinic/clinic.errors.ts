import type { FieldProblem } from '@cadence/domain';
import { DomainError } from '../../common/errors/domain-error';

/** The errors of the clinic module, built in one place. */
export const clinicErrors = {
  clinicNotFound: () => new DomainError('NOT_FOUND', 'No such clinic.'),
  closureNotFound: () => new DomainError('NOT_FOUND', 'No such closure in this clinic.'),
  nurseShiftNotFound: () => new DomainError('NOT_FOUND', 'No such nurse shift in this clinic.'),
  chairNotFound: () => new DomainError('NOT_FOUND', 'No such chair in this clinic.'),
  /** The domain's field problems with one sentence for the whole request. */
  invalid: (summary: string, problems: FieldProblem[]) => new DomainError('VALIDATION_FAILED', summary, problems),
  nothingToChange: (hint: string) =>
    new DomainError('VALIDATION_FAILED', 'The update changes nothing.', [
      { field: 'body', rule: 'atLeastOneChange', message: hint },
    ]),
  staleVersion: (currentVersion: number) =>
    new DomainError(
      'STALE_VERSION',
      "The clinic's settings were changed by someone else since you opened them; reload and try again.",
      [{ field: 'version', rule: 'current', message: `version must be the current version (${currentVersion})` }],
      { currentVersion },
    ),
  chairNameTaken: () =>
    new DomainError('NAME_TAKEN', 'Another chair or bed in this clinic has this name.', [
      { field: 'name', rule: 'unique', message: 'name is already used in this clinic' },
    ]),
};
