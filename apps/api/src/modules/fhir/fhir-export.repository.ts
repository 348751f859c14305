import { Inject, Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { isUniqueViolation } from '../../common/prisma/pg-errors';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';

export interface ExportRow {
  id: string;
  clinicId: string;
  requestedById: string;
  status: string;
  types: string[];
  since: Date | null;
  requestId: string | null;
  ip: string | null;
  requestedAt: Date;
  transactionTime: Date | null;
  patientsDone: number;
  patientsTotal: number | null;
  expiresAt: Date | null;
}

/** The bulk exports and their NDJSON files, kept in PostgreSQL so any instance can run or serve them. */
@Injectable()
export class FhirExportRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  /** A new QUEUED export, or undefined when the clinic already has one queued or running. */
  async create(data: {
    clinicId: string;
    requestedById: string;
    types: string[];
    since: Date | null;
    requestId: string;
    ip: string;
  }): Promise<string | undefined> {
    try {
      const row = await this.db.fhirExport.create({ data, select: { id: true } });
      return row.id;
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  async live(clinicId: string): Promise<ExportRow | undefined> {
    const row = await this.db.fhirExport.findFirst({ where: { clinicId, status: { in: ['QUEUED', 'RUNNING'] } } });
    return row ?? undefined;
  }

  async find(clinicId: string, id: string): Promise<ExportRow | undefined> {
    const row = await this.db.fhirExport.findFirst({ where: { id, clinicId } });
    return row ?? undefined;
  }

  async files(exportId: string) {
    return this.db.fhirExportFile.findMany({
      where: { exportId },
      select: { id: true, type: true, lineCount: true },
      orderBy: { type: 'asc' },
    });
  }

  async file(clinicId: string, id: string) {
    return this.db.fhirExportFile.findFirst({
      where: { id, export: { clinicId, status: 'COMPLETED' } },
      select: { content: true, exportId: true },
    });
  }

  /** Claims the oldest queued export (or one whose instance stopped holding it) for `leaseMs`. */
  async claim(leaseMs: number): Promise<ExportRow | undefined> {
    const rows = await this.db.$queryRaw<ExportRow[]>(Prisma.sql`
      UPDATE "FhirExport" SET status = 'RUNNING', "leaseUntil" = now() + ${leaseMs} * interval '1 millisecond',
        "transactionTime" = COALESCE("transactionTime", now())
      WHERE id = (
        SELECT id FROM "FhirExport"
        WHERE status = 'QUEUED' OR (status = 'RUNNING' AND "leaseUntil" < now())
        ORDER BY "requestedAt" FOR UPDATE SKIP LOCKED LIMIT 1)
      RETURNING id, "clinicId", "requestedById", status, types, since, "requestId", ip, "requestedAt",
        "transactionTime", "patientsDone", "patientsTotal", "expiresAt"`);
    return rows[0];
  }

  async patientIds(clinicId: string): Promise<string[]> {
    const rows = await this.db.patient.findMany({ where: { clinicId }, select: { id: true }, orderBy: { id: 'asc' } });
    return rows.map((r) => r.id);
  }

  async progress(id: string, patientsDone: number, patientsTotal: number, leaseMs: number) {
    await this.db.fhirExport.update({
      where: { id },
      data: { patientsDone, patientsTotal, leaseUntil: new Date(Date.now() + leaseMs) },
    });
  }

  async complete(id: string, files: { type: string; lineCount: number; content: string }[], expiresAt: Date) {
    await this.db.fhirExportFile.createMany({ data: files.map((f) => ({ ...f, exportId: id })) });
    await this.db.fhirExport.update({
      where: { id },
      data: { status: 'COMPLETED', completedAt: new Date(), expiresAt, leaseUntil: null },
    });
  }

  async fail(id: string) {
    await this.db.fhirExport.update({
      where: { id },
      data: { status: 'FAILED', leaseUntil: null, expiresAt: new Date(Date.now() + 3_600_000) },
    });
  }

  /** Removes exports (and their files, by cascade) past their time. */
  async removeExpired(now: Date): Promise<number> {
    const { count } = await this.db.fhirExport.deleteMany({ where: { expiresAt: { lt: now } } });
    return count;
  }
}
