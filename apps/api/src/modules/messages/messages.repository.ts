import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type MessageKind, type MessageStatus } from '@prisma/client';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';

export interface NewMessage {
  clinicId: string;
  patientId: string;
  kind: MessageKind;
  dedupeKey: string;
  appointmentId?: string | null;
  followUpId?: string | null;
  toAddress: string | null;
  subject: string;
  body: string;
}

/** A message the delivery worker holds for one attempt. */
export interface ClaimedMessage {
  id: string;
  toAddress: string;
  subject: string;
  body: string;
  /** Attempts so far, this one included: the fence of every later write about it. */
  attempts: number;
}

export interface OutboxFilter {
  clinicId: string;
  statuses: MessageStatus[];
  kind?: MessageKind;
  skip: number;
  take: number;
}

/** Where staff act on a message: sent by hand or queued again from these. */
export const STAFF_STATUSES: MessageStatus[] = ['MANUAL', 'FAILED'];

/**
 * An appointment reminder's dedupe key: the appointment and the instant it starts, so a moved
 * appointment gets a reminder of its own. `reminderKeySql` is the same key in SQL.
 */
export function appointmentReminderKey(appointmentId: string, startsAt: Date): string {
  return `appointment-reminder:${appointmentId}:${startsAt.toISOString()}`;
}

// to_char's pattern spells the instant as Date.toISOString does (UTC, milliseconds, "Z").
const reminderKeySql = (appointment: string) =>
  Prisma.raw(
    `'appointment-reminder:' || ${appointment}.id::text || ':' || to_char(${appointment}."startsAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  );

@Injectable()
export class MessagesRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  /** Queues the messages whose dedupe key is new; returns those (a key already queued is left as it is). */
  queue(messages: NewMessage[]) {
    if (messages.length === 0) return Promise.resolve([]);
    return this.db.message.createManyAndReturn({
      data: messages,
      skipDuplicates: true,
      select: { id: true, patientId: true },
    });
  }

  async outbox(filter: OutboxFilter) {
    const where: Prisma.MessageWhereInput = {
      clinicId: filter.clinicId,
      status: { in: filter.statuses },
      ...(filter.kind ? { kind: filter.kind } : {}),
    };
    const rows = await this.db.message.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: filter.skip,
      take: filter.take,
    });
    const total = await this.db.message.count({ where });
    return { rows, total };
  }

  byId(clinicId: string, id: string) {
    return this.db.message.findFirst({ where: { id, clinicId } });
  }

  /** Name, MRN and how to reach each patient: what staff need to send a message by hand. */
  patients(clinicId: string, ids: string[]) {
    return this.db.patient.findMany({
      where: { clinicId, id: { in: ids } },
      select: { id: true, mrn: true, givenName: true, familyName: true, email: true, phone: true },
    });
  }

  /** Marks a message sent by hand, only from a status staff act on; false when it was not in one. */
  async markSentByHand(clinicId: string, id: string, sentById: string, at: Date): Promise<boolean> {
    const { count } = await this.db.message.updateMany({
      where: { id, clinicId, status: { in: STAFF_STATUSES } },
      data: { status: 'SENT_BY_HAND', sentAt: at, sentById },
    });
    return count === 1;
  }

  /** Queues a message again from a status staff act on, with its attempts reset; false when it was not in one. */
  async requeue(clinicId: string, id: string, toAddress: string, at: Date): Promise<boolean> {
    const { count } = await this.db.message.updateMany({
      where: { id, clinicId, status: { in: STAFF_STATUSES } },
      data: { status: 'QUEUED', toAddress, attempts: 0, nextAttemptAt: at, lastError: null },
    });
    return count === 1;
  }

  // The delivery worker's statements. Each is one statement outside any transaction: a claim
  // commits at once, and a later write names the attempt it belongs to.

  /**
   * Cancels every reminder still waiting (queued, or listed for staff) whose appointment is no longer
   * booked at the time it was written for: a moved or cancelled appointment's reminder is never sent.
   */
  cancelStaleReminders(): Promise<number> {
    return this.db.$executeRaw`
      UPDATE "Message" m SET status = 'CANCELLED'
      WHERE m.kind = 'APPOINTMENT_REMINDER' AND m.status IN ('QUEUED', 'MANUAL', 'FAILED')
        AND NOT EXISTS (
          SELECT 1 FROM "Appointment" a
          WHERE a.id = m."appointmentId" AND a.status = 'BOOKED' AND ${reminderKeySql('a')} = m."dedupeKey")`;
  }

  /** Lists for staff the queued messages that are due and that no mail server will take: all, or those without an address. */
  holdForStaff(now: Date, only: 'ALL' | 'WITHOUT_ADDRESS'): Promise<number> {
    return this.db.$executeRaw`
      UPDATE "Message" SET status = 'MANUAL'
      WHERE status = 'QUEUED' AND "nextAttemptAt" <= ${now.toISOString()}::timestamptz
        AND (${only === 'ALL'} OR "toAddress" IS NULL)`;
  }

  /**
   * Claims up to `limit` due messages for one attempt each. SKIP LOCKED: instances claiming at once
   * take different rows. The claim moves `nextAttemptAt` to `leaseUntil`, so a message whose sender
   * died mid-attempt is tried again after the lease.
   */
  claim(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedMessage[]> {
    return this.db.$queryRaw<ClaimedMessage[]>`
      UPDATE "Message" m SET attempts = m.attempts + 1, "nextAttemptAt" = ${leaseUntil.toISOString()}::timestamptz
      FROM (
        SELECT id FROM "Message"
        WHERE status = 'QUEUED' AND "nextAttemptAt" <= ${now.toISOString()}::timestamptz AND "toAddress" IS NOT NULL
        ORDER BY "nextAttemptAt", id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ) due
      WHERE m.id = due.id
      RETURNING m.id, m."toAddress", m.subject, m.body, m.attempts`;
  }

  async markSent(message: ClaimedMessage, at: Date): Promise<void> {
    await this.db.message.updateMany({
      where: { id: message.id, status: 'QUEUED', attempts: message.attempts },
      data: { status: 'SENT', sentAt: at, lastError: null },
    });
  }

  async markRetry(message: ClaimedMessage, nextAttemptAt: Date, error: string): Promise<void> {
    await this.db.message.updateMany({
      where: { id: message.id, status: 'QUEUED', attempts: message.attempts },
      data: { nextAttemptAt, lastError: error },
    });
  }

  async markFailed(message: ClaimedMessage, error: string): Promise<void> {
    await this.db.message.updateMany({
      where: { id: message.id, status: 'QUEUED', attempts: message.attempts },
      data: { status: 'FAILED', lastError: error },
    });
  }
}
