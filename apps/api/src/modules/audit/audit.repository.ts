import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import type { AuditEntry } from './audit-entry';

export interface AuditFilter {
  clinicId: string;
  patientId?: string;
  /** Also the events with no staff actor about this (clinic's own) patient: their follow-up link. */
  withPatientActions?: boolean;
  actorId?: string;
  from?: Date;
  to?: Date;
  skip: number;
  take: number;
}

@Injectable()
export class AuditRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  /** Writes the row in the use case's open transaction, so a change and its audit commit together. */
  async record(entry: AuditEntry): Promise<void> {
    await this.db.auditEvent.create({ data: entry, select: { id: true } });
  }

  /** One row per record shown (a list), in one statement in the open transaction. */
  async recordMany(entries: AuditEntry[]): Promise<void> {
    if (entries.length > 0) await this.db.auditEvent.createMany({ data: entries });
  }

  /**
   * Events of the clinic's staff, and with `withPatientActions` the patient's own through their
   * link; anonymous events such as failed logins (no patient) stay excluded.
   */
  async find(filter: AuditFilter) {
    const staff: Prisma.AuditEventWhereInput = {
      actorId: filter.actorId ?? { in: await this.staffIds(filter.clinicId) },
    };
    const where: Prisma.AuditEventWhereInput = {
      ...(filter.withPatientActions ? { OR: [staff, { actorId: null }] } : staff),
      ...(filter.patientId ? { patientId: filter.patientId } : {}),
      ...(filter.from || filter.to ? { at: { gte: filter.from, lt: filter.to } } : {}),
    };
    const rows = await this.db.auditEvent.findMany({
      where,
      orderBy: { id: 'desc' },
      skip: filter.skip,
      take: filter.take,
    });
    const total = await this.db.auditEvent.count({ where });
    return { rows, total };
  }

  async staffIds(clinicId: string) {
    const users = await this.db.user.findMany({ where: { clinicId }, select: { id: true } });
    return users.map((u) => u.id);
  }

  /** The clinic's patient with this MRN, if any. */
  async patientIdByMrn(clinicId: string, mrn: string): Promise<string | undefined> {
    const patient = await this.db.patient.findUnique({
      where: { clinicId_mrn: { clinicId, mrn } },
      select: { id: true },
    });
    return patient?.id;
  }

  mrnsOf(clinicId: string, ids: string[]) {
    return this.db.patient.findMany({ where: { clinicId, id: { in: ids } }, select: { id: true, mrn: true } });
  }

  emailsOf(ids: string[]) {
    return this.db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } });
  }
}
