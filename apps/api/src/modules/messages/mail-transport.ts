import { createTransport, type Transporter } from 'nodemailer';
import type { AppConfig } from '../../common/config/app.config';

export interface OutgoingMail {
  /** The Message row's id: the email's Message-ID, so a resend after a crash is recognisably the same email. */
  id: string;
  to: string;
  subject: string;
  text: string;
}

/** Where patient emails go: a mail server, or nowhere (staff send them by hand). */
export abstract class MailTransport {
  /** Whether a mail server is configured. */
  abstract readonly configured: boolean;
  /** Hands one email to the server; rejects when the server refuses it or cannot be reached. */
  abstract send(mail: OutgoingMail): Promise<void>;
  abstract close(): void;
}

/** Nodemailer over SMTP_URL, from MAIL_FROM. */
export class SmtpTransport extends MailTransport {
  readonly configured = true;
  private readonly transporter: Transporter;
  private readonly domain: string;

  constructor(url: string, from: string) {
    super();
    // Bounded waits: a mail server that hangs must not hold a claimed message past its lease.
    this.transporter = createTransport(
      { url, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 },
      { from },
    );
    this.domain = /@([^>\s]+)>?$/.exec(from)?.[1] ?? 'cadence.invalid';
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail({
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: `<${mail.id}@${this.domain}>`,
    });
  }

  close(): void {
    this.transporter.close();
  }
}

/** No mail server: nothing is sent, messages are listed for staff. */
export class NoMailTransport extends MailTransport {
  readonly configured = false;
  send(): Promise<void> {
    return Promise.reject(new Error('No mail server is configured'));
  }
  close(): void {}
}

export function mailTransportFor(config: AppConfig): MailTransport {
  const { smtpUrl, from } = config.mail;
  return smtpUrl && from ? new SmtpTransport(smtpUrl, from) : new NoMailTransport();
}
