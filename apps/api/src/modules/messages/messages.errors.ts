import { DomainError } from '../../common/errors/domain-error';

const words = (status: string) => status.toLowerCase().replace(/_/g, ' ');

/** The errors of the outbox, built in one place. */
export const messagesErrors = {
  notFound: () => new DomainError('NOT_FOUND', 'No such message in this clinic.'),
  notForStaff: (status: string) =>
    new DomainError(
      'INVALID_TRANSITION',
      `Only a message listed for staff (to send by hand, or failed) can be marked sent or queued again; this one is ${words(status)}.`,
      [],
      { status },
    ),
  noMailServer: () =>
    new DomainError(
      'INVALID_TRANSITION',
      'No mail server is configured (SMTP_URL), so the message cannot be emailed: send it by hand and mark it sent.',
    ),
  noAddress: () =>
    new DomainError(
      'INVALID_TRANSITION',
      "The patient has no email address: add one to the patient's record, or send the message by hand.",
    ),
};
