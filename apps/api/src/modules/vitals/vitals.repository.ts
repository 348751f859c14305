import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import type { LiveSessionCheck } from '../../common/auth/live-session';
import { isIntegrityRefusal } from '../../common/prisma/pg-errors';
import { PrismaService } from '../../common/prisma/prisma.service';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import type { AuditEntry } from '../audit/audit-entry';
import {
  beforeReadingStatement,
  flowsheetStatement,
  insertReadingStatement,
  type InsertReadingResult,
  type NewReading,
  type ReadingRow,
  type ReadingWithDraftsRow,
  type SessionContextRow,
} from './vitals.sql';

export type ReadingContext = SessionContextRow & { existing: ReadingWithDraftsRow | null; previous: ReadingRow | null };
export type VoidWrite = 'VOIDED' | 'NOT_FOUND' | 'ALREADY_VOIDED' | 'SIGNED';

/**
 * The flowsheet's readings. A reading's write and the flowsheet read are single statements on the
 * pool (each atomic, with its audit rows), the hot path of the infusion day: two tablets per chair
 * entering readings every few minutes while the screen refreshes.
 */
/** Statement text → its prepared statement's name; the statements have a handful of shapes. */
const STATEMENT_NAMES = new Map<string, string>();

@Injectable()
export class VitalsRepository {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  private get db() {
    return this.transactions.tx;
  }

  /**
   * Runs a statement on the pool as a named (prepared) statement: each connection parses and plans
   * each of the flowsheet's few statement shapes once, then only binds.
   */
  private async run<T>(statement: Prisma.Sql): Promise<T[]> {
    let name = STATEMENT_NAMES.get(statement.text);
    if (!name) STATEMENT_NAMES.set(statement.text, (name = `cadence-vitals-${STATEMENT_NAMES.size + 1}`));
    return (await this.prisma.pool.query({ name, text: statement.text, values: statement.values })).rows as T[];
  }

  async beforeReading(
    clinicId: string,
    sessionId: string,
    readingId: string,
    takenAt: Date,
    live?: LiveSessionCheck,
  ): Promise<ReadingContext | undefined> {
    const rows = await this.run<ReadingContext>(beforeReadingStatement(clinicId, sessionId, readingId, takenAt, live));
    return rows[0];
  }

  /** The reading and its drafts; 'SIGNED' when the signature won a race the state check could not see. */
  async insert(
    clinicId: string,
    reading: NewReading,
    audit: AuditEntry,
    patientId: string,
  ): Promise<InsertReadingResult | 'SIGNED'> {
    try {
      const rows = await this.run<InsertReadingResult>(insertReadingStatement(clinicId, reading, audit, patientId));
      return rows[0];
    } catch (error) {
      if (isIntegrityRefusal(error)) return 'SIGNED';
      throw error;
    }
  }

  async flowsheet(
    clinicId: string,
    sessionId: string,
    audit: AuditEntry,
    live?: LiveSessionCheck,
  ): Promise<(SessionContextRow & { readings: ReadingRow[] }) | undefined> {
    const rows = await this.run<SessionContextRow & { readings: ReadingRow[] }>(
      flowsheetStatement(clinicId, sessionId, audit, live),
    );
    return rows[0];
  }

  /** Marks a reading of this session entered in error, once; the trigger refuses it once the record is signed. */
  async markVoided(sessionId: string, readingId: string, byId: string, reason: string): Promise<VoidWrite> {
    const reading = await this.db.vitalsReading.findFirst({
      where: { id: readingId, sessionId },
      select: { voidedAt: true },
    });
    if (!reading) return 'NOT_FOUND';
    if (reading.voidedAt) return 'ALREADY_VOIDED';
    try {
      const { count } = await this.db.vitalsReading.updateMany({
        where: { id: readingId, sessionId, voidedAt: null },
        data: { voidedAt: new Date(), voidedById: byId, voidReason: reason },
      });
      return count === 1 ? 'VOIDED' : 'ALREADY_VOIDED';
    } catch (error) {
      if (isIntegrityRefusal(error)) return 'SIGNED';
      throw error;
    }
  }

  async reading(sessionId: string, readingId: string): Promise<ReadingRow | undefined> {
    const row = await this.db.vitalsReading.findFirst({ where: { id: readingId, sessionId } });
    if (!row) return undefined;
    return {
      ...row,
      takenAt: row.takenAt.toISOString(),
      recordedAt: row.recordedAt.toISOString(),
      voidedAt: row.voidedAt?.toISOString() ?? null,
      alerts: row.alerts as unknown[],
    };
  }
}
