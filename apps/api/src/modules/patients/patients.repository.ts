import { Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { PrismaService } from '../../common/prisma/prisma.service';
import { AuditEntry, insertAudit } from '../audit/audit-entry';
import { readStatement, searchStatement } from './patients.sql';
import type { CreatePatientDto, PatientDto, PatientSummaryDto, UpdatePatientDto } from './dto/patient.dto';
import type { SearchCriteria } from './patients.sql';
import { isUniqueViolation } from '../../common/prisma/pg-errors';

export type WriteResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'NOT_FOUND' | 'MRN_TAKEN' | 'NOTHING_CHANGED' }
  | { ok: false; reason: 'STALE_VERSION'; currentVersion: number };

type PatientRow = Omit<PatientDto, 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date };

@Injectable()
export class PatientsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The record and its READ audit row in one statement: one round trip, and the row is written
   * exactly when the record is returned.
   */
  async read(clinicId: string, id: string, audit: AuditEntry): Promise<PatientRow | undefined> {
    const rows = await this.prisma.rows<PatientRow>(readStatement(clinicId, id, audit));
    return rows[0];
  }

  /**
   * A page of matches, the total, and a SEARCH audit row per patient shown, in one statement.
   * Every word must match the given name, family name or MRN (trigram-indexed ILIKE).
   */
  async search(criteria: SearchCriteria, audit: AuditEntry): Promise<{ items: PatientSummaryDto[]; total: number }> {
    const rows = await this.prisma.rows<PatientSummaryDto & { total: string }>(searchStatement(criteria, audit));
    // A page past the end has no rows to carry the total: count separately only then.
    const total =
      rows.length > 0
        ? Number(rows[0].total)
        : criteria.skip === 0
          ? 0
          : await this.prisma.patient.count({
              where: { clinicId: criteria.clinicId, AND: this.countFilter(criteria) },
            });
    return { items: rows.map(({ total: _total, ...item }) => item), total };
  }

  async create(
    clinicId: string,
    dto: CreatePatientDto,
    audit: (id: string) => AuditEntry,
  ): Promise<WriteResult<string>> {
    const { diagnoses = [], dateOfBirth, ...fields } = dto;
    try {
      const id = await this.prisma.$transaction(async (tx) => {
        const patient = await tx.patient.create({
          data: {
            ...fields,
            clinicId,
            dateOfBirth: new Date(`${dateOfBirth}T00:00:00Z`),
            diagnoses: { create: diagnoses },
          },
          select: { id: true },
        });
        await insertAudit(tx, audit(patient.id));
        return patient.id;
      });
      return { ok: true, value: id };
    } catch (error) {
      if (isUniqueViolation(error)) return { ok: false, reason: 'MRN_TAKEN' };
      throw error;
    }
  }

  /**
   * Applies `changes` only if the record is still at `version`; the version check and the write are
   * one UPDATE, so two concurrent edits cannot both succeed.
   */
  async update(
    clinicId: string,
    id: string,
    { version, ...edit }: UpdatePatientDto,
    audit: (changedFields: string[]) => AuditEntry,
  ): Promise<WriteResult<string>> {
    try {
      const changes = Object.fromEntries(Object.entries(edit).filter(([, value]) => value !== undefined));
      return await this.prisma.$transaction(async (tx) => {
        const current = await tx.patient.findFirst({ where: { id, clinicId } });
        if (!current) return { ok: false, reason: 'NOT_FOUND' } as const;
        if (current.version !== version)
          return { ok: false, reason: 'STALE_VERSION', currentVersion: current.version } as const;
        const data: Prisma.PatientUpdateManyMutationInput = {
          ...changes,
          ...(changes.dateOfBirth ? { dateOfBirth: new Date(`${changes.dateOfBirth}T00:00:00Z`) } : {}),
        };
        const changed = Object.keys(changes).filter(
          (field) => !sameValue(current[field as keyof typeof current], data[field as keyof typeof data]),
        );
        if (changed.length === 0) return { ok: false, reason: 'NOTHING_CHANGED' } as const;
        const { count } = await tx.patient.updateMany({
          where: { id, clinicId, version },
          data: { ...data, version: { increment: 1 } },
        });
        if (count === 0) return { ok: false, reason: 'STALE_VERSION', currentVersion: version + 1 } as const;
        await insertAudit(tx, audit(changed.sort()));
        return { ok: true, value: id } as const;
      });
    } catch (error) {
      if (isUniqueViolation(error)) return { ok: false, reason: 'MRN_TAKEN' };
      throw error;
    }
  }

  private countFilter(criteria: SearchCriteria): Prisma.PatientWhereInput[] {
    return [
      ...criteria.words.map((word) => ({
        OR: [
          { familyName: { contains: word, mode: 'insensitive' as const } },
          { givenName: { contains: word, mode: 'insensitive' as const } },
          { mrn: { contains: word, mode: 'insensitive' as const } },
        ],
      })),
      ...(criteria.dateOfBirth ? [{ dateOfBirth: new Date(`${criteria.dateOfBirth}T00:00:00Z`) }] : []),
    ];
  }
}

function sameValue(before: unknown, after: unknown): boolean {
  if (before instanceof Date && after instanceof Date) return before.getTime() === after.getTime();
  if (before instanceof Prisma.Decimal) return after !== null && after !== undefined && before.equals(after as number);
  return (before ?? null) === (after ?? null);
}
