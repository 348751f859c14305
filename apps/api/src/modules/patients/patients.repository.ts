import { Inject, Injectable } from '@nestjs/common';
import type { LiveSessionCheck } from '../../common/auth/live-session';
import { isUniqueViolation } from '../../common/prisma/pg-errors';
import { PrismaService } from '../../common/prisma/prisma.service';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import type { AuditEntry } from '../audit/audit-entry';
import type { CreatePatientDto, PatientDto, PatientSummaryDto, UpdatePatientDto } from './dto/patient.dto';
import { readStatement, SEARCH_COUNT_CAP, searchStatement, type SearchCriteria } from './patients.sql';

/** The search's row when the page is empty: it carries only the count. */
type NoPatient = { [K in keyof PatientSummaryDto]: null };

type PatientRow = Omit<PatientDto, 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date };

/** The editable fields of a patient as stored, in the shapes an update sends them. */
export type PatientFields = Required<Omit<UpdatePatientDto, 'version'>>;

/** The fields an update names, without `version`; a null clears an optional field. */
export type PatientChanges = Omit<UpdatePatientDto, 'version'>;

export type UpdateWrite = 'UPDATED' | 'STALE' | 'MRN_TAKEN';

@Injectable()
export class PatientsRepository {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  private get db() {
    return this.transactions.tx;
  }

  /**
   * The record and its READ audit row in one statement on the pool: one round trip, and the row
   * is written exactly when the record is returned (and, given a session check, only while it holds).
   */
  async read(
    clinicId: string,
    id: string,
    audit: AuditEntry,
    live?: LiveSessionCheck,
  ): Promise<PatientRow | undefined> {
    const rows = await this.prisma.rows<PatientRow>(readStatement(clinicId, id, audit, live));
    return rows[0];
  }

  /**
   * A page of matches, how many match (counted up to SEARCH_COUNT_CAP, past which `total` is a
   * lower bound), and a SEARCH audit row per patient shown, in one statement.
   */
  async search(
    criteria: SearchCriteria,
    audit: AuditEntry,
    live?: LiveSessionCheck,
  ): Promise<{ items: PatientSummaryDto[]; total: number; totalIsLowerBound: boolean }> {
    const rows = await this.prisma.rows<{ matched: number } & (PatientSummaryDto | NoPatient)>(
      searchStatement(criteria, audit, live),
    );
    const matched = rows[0]?.matched ?? 0;
    return {
      items: rows.filter((row): row is { matched: number } & PatientSummaryDto => row.id !== null).map(summary),
      total: Math.min(matched, SEARCH_COUNT_CAP),
      totalIsLowerBound: matched > SEARCH_COUNT_CAP,
    };
  }

  /** Creates the patient and their diagnoses; undefined when the MRN is taken in the clinic. */
  async create(clinicId: string, dto: CreatePatientDto): Promise<string | undefined> {
    const { diagnoses = [], dateOfBirth, ...fields } = dto;
    try {
      const patient = await this.db.patient.create({
        data: { ...fields, clinicId, dateOfBirth: dateColumn(dateOfBirth), diagnoses: { create: diagnoses } },
        select: { id: true },
      });
      return patient.id;
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  /** Which of these MRNs the clinic already has. */
  async takenMrns(clinicId: string, mrns: string[]): Promise<string[]> {
    if (mrns.length === 0) return [];
    const rows = await this.db.patient.findMany({ where: { clinicId, mrn: { in: mrns } }, select: { mrn: true } });
    return rows.map((r) => r.mrn);
  }

  /** The clinic's patient's editable fields and version, or undefined. */
  async current(clinicId: string, id: string): Promise<(PatientFields & { version: number }) | undefined> {
    const row = await this.db.patient.findFirst({ where: { id, clinicId } });
    if (!row) return undefined;
    return {
      version: row.version,
      mrn: row.mrn,
      givenName: row.givenName,
      familyName: row.familyName,
      dateOfBirth: row.dateOfBirth.toISOString().slice(0, 10),
      sex: row.sex,
      weightKg: row.weightKg === null ? null : row.weightKg.toNumber(),
      phone: row.phone,
      email: row.email,
      escortName: row.escortName,
      escortPhone: row.escortPhone,
    };
  }

  /**
   * Applies `changes` only if the record is still at `version`: the version check and the write
   * are one UPDATE, so two concurrent edits cannot both succeed. MRN_TAKEN has aborted the
   * transaction: the caller ends it.
   */
  async update(clinicId: string, id: string, version: number, changes: PatientChanges): Promise<UpdateWrite> {
    const { dateOfBirth, ...fields } = changes;
    try {
      const { count } = await this.db.patient.updateMany({
        where: { id, clinicId, version },
        data: {
          ...fields,
          ...(dateOfBirth ? { dateOfBirth: dateColumn(dateOfBirth) } : {}),
          version: { increment: 1 },
        },
      });
      return count > 0 ? 'UPDATED' : 'STALE';
    } catch (error) {
      if (isUniqueViolation(error)) return 'MRN_TAKEN';
      throw error;
    }
  }
}

/** A calendar date (YYYY-MM-DD) as the date column's value. */
function dateColumn(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

function summary({ id, mrn, givenName, familyName, dateOfBirth, sex }: PatientSummaryDto): PatientSummaryDto {
  return { id, mrn, givenName, familyName, dateOfBirth, sex };
}
