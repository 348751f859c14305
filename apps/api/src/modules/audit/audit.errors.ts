import { DomainError } from '../../common/errors/domain-error';

/** The errors of the audit module, built in one place. */
export const auditErrors = {
  emptyRange: () =>
    new DomainError('VALIDATION_FAILED', 'The time range is empty.', [
      { field: 'to', rule: 'after', message: 'to must be later than from' },
    ]),
};
