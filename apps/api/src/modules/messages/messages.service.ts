import { Inject, Injectable } from '@nestjs/common';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry, type AuditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import type { MessageDto, OutboxPageDto, OutboxQueryDto } from './dto/message.dto';
import { MailTransport } from './mail-transport';
import { messagesErrors } from './messages.errors';
import { MessagesRepository, STAFF_STATUSES, type NewMessage } from './messages.repository';

type MessageRow = NonNullable<Awaited<ReturnType<MessagesRepository['byId']>>>;

/** The outbox: queued emails to patients, and what staff do with those the mail server did not take. */
@Injectable()
export class MessagesService {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly audit: AuditRepository,
    private readonly transport: MailTransport,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  /**
   * Queues messages for delivery in the caller's transaction, once per dedupe key (a key already
   * queued, by this instance or another, is skipped); each new one is audited as `source` wrote it.
   * Returns how many were new.
   */
  async queue(messages: NewMessage[], source: Pick<AuditEntry, 'actorId' | 'requestId' | 'ip'>): Promise<number> {
    const created = await this.messages.queue(messages);
    await this.audit.recordMany(
      created.map((m) => ({
        ...source,
        action: 'CREATE' as const,
        entity: 'Message',
        entityId: m.id,
        patientId: m.patientId,
        fields: ['kind', 'toAddress', 'subject', 'body'],
      })),
    );
    return created.length;
  }

  /** The clinic's messages in one status (default: those waiting for staff), newest first; each shown is audited. */
  async outbox(actor: Actor, meta: RequestMeta, query: OutboxQueryDto): Promise<OutboxPageDto> {
    return this.transactions.withTransaction(async () => {
      const { rows, total } = await this.messages.outbox({
        clinicId: actor.clinicId,
        statuses: query.status ? [query.status] : STAFF_STATUSES,
        kind: query.kind,
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      });
      const items = await this.withPatients(actor.clinicId, rows);
      await this.audit.recordMany(
        rows.map((row) =>
          auditEntry(actor, meta, { action: 'READ', entity: 'Message', entityId: row.id, patientId: row.patientId }),
        ),
      );
      return { items, page: query.page, pageSize: query.pageSize, total, mailConfigured: this.transport.configured };
    });
  }

  /** Records that staff sent a listed (MANUAL or FAILED) message by hand; 409 from any other status. */
  async sentByHand(actor: Actor, meta: RequestMeta, id: string): Promise<MessageDto> {
    return this.transactions.withTransaction(async () => {
      const message = await this.found(actor.clinicId, id);
      if (!(await this.messages.markSentByHand(actor.clinicId, id, actor.id, new Date())))
        throw messagesErrors.notForStaff(message.status);
      return this.changed(actor, meta, id, message.patientId, ['status', 'sentAt', 'sentById']);
    });
  }

  /**
   * Queues a listed (MANUAL or FAILED) message again, to the patient's email as it is now, with its
   * attempts reset: after a mail server outage, or once an address is added. 409 from any other
   * status, without a mail server, or without an address.
   */
  async retry(actor: Actor, meta: RequestMeta, id: string): Promise<MessageDto> {
    return this.transactions.withTransaction(async () => {
      const message = await this.found(actor.clinicId, id);
      if (!STAFF_STATUSES.includes(message.status)) throw messagesErrors.notForStaff(message.status);
      if (!this.transport.configured) throw messagesErrors.noMailServer();
      const [patient] = await this.messages.patients(actor.clinicId, [message.patientId]);
      if (!patient?.email) throw messagesErrors.noAddress();
      if (!(await this.messages.requeue(actor.clinicId, id, patient.email, new Date())))
        throw messagesErrors.notForStaff((await this.found(actor.clinicId, id)).status);
      return this.changed(actor, meta, id, message.patientId, ['status', 'toAddress', 'attempts', 'nextAttemptAt']);
    });
  }

  private async found(clinicId: string, id: string): Promise<MessageRow> {
    const message = await this.messages.byId(clinicId, id);
    if (!message) throw messagesErrors.notFound();
    return message;
  }

  private async changed(
    actor: Actor,
    meta: RequestMeta,
    id: string,
    patientId: string,
    fields: string[],
  ): Promise<MessageDto> {
    await this.audit.record(
      auditEntry(actor, meta, { action: 'UPDATE', entity: 'Message', entityId: id, patientId, fields }),
    );
    const [item] = await this.withPatients(actor.clinicId, [await this.found(actor.clinicId, id)]);
    return item;
  }

  private async withPatients(clinicId: string, rows: MessageRow[]): Promise<MessageDto[]> {
    const ids = [...new Set(rows.map((r) => r.patientId))];
    const patients = new Map((await this.messages.patients(clinicId, ids)).map((p) => [p.id, p]));
    return rows.map((row) => {
      const patient = patients.get(row.patientId);
      if (!patient) throw new Error(`Message ${row.id} names a patient outside its clinic`);
      return {
        id: row.id,
        kind: row.kind,
        status: row.status,
        patient,
        toAddress: row.toAddress,
        subject: row.subject,
        body: row.body,
        appointmentId: row.appointmentId,
        followUpId: row.followUpId,
        attempts: row.attempts,
        nextAttemptAt: row.nextAttemptAt.toISOString(),
        lastError: row.lastError,
        sentAt: row.sentAt?.toISOString() ?? null,
        sentById: row.sentById,
        createdAt: row.createdAt.toISOString(),
      };
    });
  }
}
