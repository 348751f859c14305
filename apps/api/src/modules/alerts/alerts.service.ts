import { Inject, Injectable } from '@nestjs/common';
import { adverseEventTerm } from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import type { AlertInboxDto, StaffAlertDto } from './dto/alert.dto';
import { alertsErrors } from './alerts.errors';
import { AlertsRepository } from './alerts.repository';

export const ADVERSE_EVENT_ALERT = 'ADVERSE_EVENT_SERIOUS';
export const FOLLOW_UP_SUICIDALITY_ALERT = 'FOLLOW_UP_SUICIDALITY';

/** A follow-up record whose PHQ-9 item 9 was answered above "not at all". */
export interface FlaggedFollowUpRecord {
  clinicId: string;
  patientId: string;
  followUpRecordId: string;
  /** The domain's flag message (no patient data). */
  message: string;
}

/** What an escalated adverse event says about itself: no patient data beyond the ids. */
export interface EscalatedEvent {
  clinicId: string;
  sessionId: string;
  patientId: string;
  supervisingClinicianId: string | null;
  adverseEventId: string;
  term: string;
  grade: number;
  serious: boolean;
}

type AlertRow = Awaited<ReturnType<AlertsRepository['inbox']>>[number];

@Injectable()
export class AlertsService {
  constructor(
    private readonly alerts: AlertsRepository,
    private readonly audit: AuditRepository,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  /**
   * Alerts the session's supervising clinician and every active admin of the clinic at once, in
   * the caller's transaction (so the event and its alerts commit together), audited. An event
   * already alerted to someone is not alerted to them twice. Returns who it alerted now.
   */
  async raiseForAdverseEvent(actor: Actor, meta: RequestMeta, event: EscalatedEvent): Promise<string[]> {
    const recipients = await this.alerts.recipients(event.clinicId, event.supervisingClinicianId);
    if (recipients.length === 0) return [];
    const term = adverseEventTerm(event.term)?.term ?? event.term;
    const created = await this.alerts.create(
      recipients.map((recipientId) => ({
        clinicId: event.clinicId,
        recipientId,
        kind: ADVERSE_EVENT_ALERT,
        sessionId: event.sessionId,
        patientId: event.patientId,
        adverseEventId: event.adverseEventId,
        message: `${term}, grade ${event.grade}${event.serious ? ', serious' : ''}: review the session now`,
      })),
    );
    await this.audit.recordMany(
      created.map((alert) =>
        auditEntry(actor, meta, {
          action: 'CREATE',
          entity: 'StaffAlert',
          entityId: alert.id,
          patientId: alert.patientId,
          fields: ['recipientId', 'kind', 'adverseEventId'],
        }),
      ),
    );
    return created.map((alert) => alert.recipientId);
  }

  /**
   * Alerts every active clinician of the clinic at once about a follow-up's answer to PHQ-9 item 9,
   * in the caller's transaction (the record and its alerts commit together), audited; `actor` is
   * null when the patient answered through their link. Returns who it alerted.
   */
  async raiseForFollowUpSuicidality(
    actor: Pick<Actor, 'id'> | null,
    meta: RequestMeta,
    record: FlaggedFollowUpRecord,
  ): Promise<string[]> {
    const recipients = await this.alerts.clinicians(record.clinicId);
    if (recipients.length === 0) return [];
    const created = await this.alerts.createForFollowUp(
      recipients.map((recipientId) => ({
        clinicId: record.clinicId,
        recipientId,
        kind: FOLLOW_UP_SUICIDALITY_ALERT,
        patientId: record.patientId,
        followUpRecordId: record.followUpRecordId,
        message: `${record.message}: contact the patient today`,
      })),
    );
    await this.audit.recordMany(
      created.map((alert) =>
        auditEntry(actor, meta, {
          action: 'CREATE',
          entity: 'StaffAlert',
          entityId: alert.id,
          patientId: alert.patientId,
          fields: ['recipientId', 'kind', 'followUpRecordId'],
        }),
      ),
    );
    return created.map((alert) => alert.recipientId);
  }

  /** Who each of these adverse events has alerted, by event id. */
  recipientsAlerted(adverseEventIds: string[]): Promise<Map<string, string[]>> {
    return this.alerts.recipientsAlerted(adverseEventIds);
  }

  /** The caller's own alerts, newest first, with how many are unread; each shown alert's read is audited. */
  async inbox(actor: Actor, meta: RequestMeta): Promise<AlertInboxDto> {
    return this.transactions.withTransaction(async () => {
      const rows = await this.alerts.inbox(actor.clinicId, actor.id);
      const unreadCount = await this.alerts.unreadCount(actor.clinicId, actor.id);
      const items = await this.withPatients(actor.clinicId, rows);
      await this.audit.recordMany(
        rows.map((row) =>
          auditEntry(actor, meta, { action: 'READ', entity: 'StaffAlert', entityId: row.id, patientId: row.patientId }),
        ),
      );
      return { items, unreadCount };
    });
  }

  /** Marks the caller's own alert read (reading it twice keeps the first time). */
  async markRead(actor: Actor, meta: RequestMeta, id: string): Promise<StaffAlertDto> {
    return this.transactions.withTransaction(async () => {
      const alert = await this.alerts.own(actor.clinicId, actor.id, id);
      if (!alert) throw alertsErrors.notFound();
      if (!alert.readAt) {
        await this.alerts.markRead(id, actor.id);
        await this.audit.record(
          auditEntry(actor, meta, {
            action: 'UPDATE',
            entity: 'StaffAlert',
            entityId: id,
            patientId: alert.patientId,
            fields: ['readAt'],
          }),
        );
      }
      const [item] = await this.withPatients(actor.clinicId, [(await this.alerts.own(actor.clinicId, actor.id, id))!]);
      return item;
    });
  }

  private async withPatients(clinicId: string, rows: AlertRow[]): Promise<StaffAlertDto[]> {
    const ids = [...new Set(rows.flatMap((r) => (r.patientId ? [r.patientId] : [])))];
    const patients = new Map((await this.alerts.patients(clinicId, ids)).map((p) => [p.id, p]));
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      message: row.message,
      sessionId: row.sessionId,
      adverseEventId: row.adverseEventId,
      followUpRecordId: row.followUpRecordId,
      patient: (row.patientId && patients.get(row.patientId)) || null,
      createdAt: row.createdAt.toISOString(),
      readAt: row.readAt?.toISOString() ?? null,
    }));
  }
}
