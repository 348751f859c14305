import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Periodic } from '../../common/background/periodic';
import { APP_CONFIG, type AppConfig } from '../../common/config/app.config';
import { MailTransport } from './mail-transport';
import { MessagesRepository, type ClaimedMessage } from './messages.repository';

/** Messages claimed per statement, and statements per pass: a pass ends, the next one goes on. */
const BATCH = 20;
const MAX_BATCHES = 50;
/** Longer than nodemailer's connection, greeting and socket timeouts together (mail-transport.ts). */
const LEASE_MS = 5 * 60_000;
const MAX_ERROR_LENGTH = 500;

export interface DeliverySummary {
  /** Reminders of appointments moved or cancelled since they were queued. */
  cancelled: number;
  /** Listed for staff: no mail server, or no address. */
  manual: number;
  sent: number;
  /** Refused or unreachable, queued again for later. */
  retried: number;
  /** Refused on the last attempt. */
  failed: number;
}

/** The wait before the next attempt after `attempts` failed ones: `baseSeconds`, then twice as long each time. */
export function retryDelaySeconds(attempts: number, baseSeconds: number): number {
  return baseSeconds * 2 ** Math.max(0, attempts - 1);
}

/**
 * Delivers queued messages, in every instance: each pass claims due messages with SKIP LOCKED (so two
 * instances never send one message twice), sends each through the mail server, and records SENT, a
 * retry with backoff, or FAILED after the last attempt. Without a mail server, or for a patient
 * without an address, a message goes to MANUAL for staff to send by hand. Logs carry message ids
 * and statuses only: an address, subject or server reply may name the patient.
 */
@Injectable()
export class MailDelivery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MailDelivery');
  private readonly periodic = new Periodic('mail-delivery', () => this.deliverDue(), this.logger);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly messages: MessagesRepository,
    private readonly transport: MailTransport,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.jobs.enabled) this.periodic.start(this.config.mail.pollSeconds * 1000);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.periodic.stop();
    this.transport.close();
  }

  /** One pass over the due messages; `now` (default the clock) is when the pass happens. */
  async deliverDue(now?: Date): Promise<DeliverySummary> {
    const at = () => now ?? new Date();
    const summary: DeliverySummary = { cancelled: 0, manual: 0, sent: 0, retried: 0, failed: 0 };
    summary.cancelled = await this.messages.cancelStaleReminders();
    if (!this.transport.configured) {
      summary.manual = await this.messages.holdForStaff(at(), 'ALL');
      return this.logged(summary);
    }
    summary.manual = await this.messages.holdForStaff(at(), 'WITHOUT_ADDRESS');
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const claimed = await this.messages.claim(at(), new Date(at().getTime() + LEASE_MS), BATCH);
      for (const message of claimed) summary[await this.attempt(message, at)]++;
      if (claimed.length < BATCH) break;
    }
    return this.logged(summary);
  }

  private async attempt(message: ClaimedMessage, at: () => Date): Promise<'sent' | 'retried' | 'failed'> {
    try {
      await this.transport.send({
        id: message.id,
        to: message.toAddress,
        subject: message.subject,
        text: message.body,
      });
    } catch (error) {
      const reason = describe(error);
      if (message.attempts >= this.config.mail.maxAttempts) {
        await this.messages.markFailed(message, reason);
        this.logger.warn({ messageId: message.id, status: 'FAILED', attempts: message.attempts }, 'Message failed');
        return 'failed';
      }
      const delay = retryDelaySeconds(message.attempts, this.config.mail.retrySeconds);
      await this.messages.markRetry(message, new Date(at().getTime() + delay * 1000), reason);
      this.logger.warn({ messageId: message.id, status: 'RETRY', attempts: message.attempts }, 'Message refused');
      return 'retried';
    }
    await this.messages.markSent(message, at());
    this.logger.log({ messageId: message.id, status: 'SENT', attempts: message.attempts }, 'Message sent');
    return 'sent';
  }

  private logged(summary: DeliverySummary): DeliverySummary {
    if (Object.values(summary).some((n) => n > 0)) this.logger.log({ delivery: summary }, 'Mail delivery pass');
    return summary;
  }
}

/** The server's answer as staff read it in the outbox (stored on the message, never logged). */
function describe(error: unknown): string {
  const e = (error ?? {}) as { code?: unknown; responseCode?: unknown; message?: unknown };
  const code = [e.code, e.responseCode].filter((part) => typeof part === 'string' || typeof part === 'number');
  const text = `${code.length ? `${code.join(' ')}: ` : ''}${typeof e.message === 'string' ? e.message : String(error)}`;
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}
