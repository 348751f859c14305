import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';

export interface NewAlert {
  clinicId: string;
  recipientId: string;
  kind: string;
  sessionId: string;
  patientId: string;
  adverseEventId: string;
  message: string;
}

export interface NewFollowUpAlert {
  clinicId: string;
  recipientId: string;
  kind: string;
  patientId: string;
  followUpRecordId: string;
  message: string;
}

const INBOX_SIZE = 100;

@Injectable()
export class AlertsRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  /** The clinic's active admins and, when named, its active supervising clinician. */
  async recipients(clinicId: string, clinicianId: string | null): Promise<string[]> {
    const users = await this.db.user.findMany({
      where: {
        clinicId,
        active: true,
        OR: [
          { roles: { has: 'ADMIN' } },
          ...(clinicianId ? [{ id: clinicianId, roles: { has: 'CLINICIAN' as const } }] : []),
        ],
      },
      select: { id: true },
      orderBy: { id: 'asc' },
    });
    return users.map((u) => u.id);
  }

  /** One alert per recipient; one already raised for the same event and recipient is kept, not repeated. */
  create(alerts: NewAlert[]) {
    return this.db.staffAlert.createManyAndReturn({
      data: alerts,
      skipDuplicates: true,
      select: { id: true, recipientId: true, patientId: true },
    });
  }

  /** The clinic's active clinicians. */
  async clinicians(clinicId: string): Promise<string[]> {
    const users = await this.db.user.findMany({
      where: { clinicId, active: true, roles: { has: 'CLINICIAN' } },
      select: { id: true },
      orderBy: { id: 'asc' },
    });
    return users.map((u) => u.id);
  }

  /** One alert per recipient about a follow-up record; one already raised for it is kept, not repeated. */
  createForFollowUp(alerts: NewFollowUpAlert[]) {
    return this.db.staffAlert.createManyAndReturn({
      data: alerts,
      skipDuplicates: true,
      select: { id: true, recipientId: true, patientId: true },
    });
  }

  /** Who each event has alerted, by event. */
  async recipientsAlerted(adverseEventIds: string[]): Promise<Map<string, string[]>> {
    const rows = await this.db.staffAlert.findMany({
      where: { adverseEventId: { in: adverseEventIds } },
      select: { adverseEventId: true, recipientId: true },
      orderBy: { recipientId: 'asc' },
    });
    const byEvent = new Map<string, string[]>();
    for (const row of rows) {
      if (!row.adverseEventId) continue;
      byEvent.set(row.adverseEventId, [...(byEvent.get(row.adverseEventId) ?? []), row.recipientId]);
    }
    return byEvent;
  }

  inbox(clinicId: string, recipientId: string) {
    return this.db.staffAlert.findMany({
      where: { clinicId, recipientId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: INBOX_SIZE,
    });
  }

  unreadCount(clinicId: string, recipientId: string) {
    return this.db.staffAlert.count({ where: { clinicId, recipientId, readAt: null } });
  }

  patients(clinicId: string, ids: string[]) {
    return this.db.patient.findMany({
      where: { clinicId, id: { in: ids } },
      select: { id: true, givenName: true, familyName: true, mrn: true },
    });
  }

  /** The recipient's own alert; null when it is not theirs. */
  own(clinicId: string, recipientId: string, id: string) {
    return this.db.staffAlert.findFirst({ where: { id, clinicId, recipientId } });
  }

  async markRead(id: string, recipientId: string): Promise<void> {
    await this.db.staffAlert.updateMany({ where: { id, recipientId, readAt: null }, data: { readAt: new Date() } });
  }
}
