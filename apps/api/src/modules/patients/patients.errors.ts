import { DomainError } from '../../common/errors/domain-error';
import { staleVersion } from '../../common/errors/stale-version';

/** The errors of the patients module, built in one place. */
export const patientsErrors = {
  notFound: () => new DomainError('NOT_FOUND', 'No such patient in this clinic.'),
  mrnTaken: () =>
    new DomainError('MRN_TAKEN', 'Another patient in this clinic has this MRN.', [
      { field: 'mrn', rule: 'unique', message: 'mrn is already used by another patient in this clinic' },
    ]),
  nothingChanged: () =>
    new DomainError('VALIDATION_FAILED', 'The update changes nothing.', [
      { field: 'body', rule: 'atLeastOneChange', message: 'name at least one field with a new value' },
    ]),
  stale: (currentVersion: number) => staleVersion('patient', currentVersion),
};
