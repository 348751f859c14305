import { Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import type { ScreeningKind, ScreeningStatus as EligibilityStatus } from '@cadence/domain';
import { Db, PrismaService } from '../../common/prisma/prisma.service';
import { AuditEntry, insertAudit } from '../audit/audit-entry';

export type ScreeningState = 'DRAFT' | 'SUBMITTED' | 'SIGNED' | 'DECLINED';

/** A screening as stored, with plain JSON and dates: what the services work with. */
export interface ScreeningRecord {
  id: string;
  clinicId: string;
  patientId: string;
  templateId: string;
  kind: ScreeningKind;
  templateVersion: number;
  status: ScreeningState;
  answers: Record<string, unknown>;
  scores: unknown;
  result: EligibilityStatus | null;
  reasons: unknown;
  suicidalityFlag: boolean;
  noSerialInfusions: boolean;
  dayOnlyItems: string[];
  amendsId: string | null;
  createdById: string;
  createdAt: Date;
  submittedById: string | null;
  submittedAt: Date | null;
  signedById: string | null;
  signedAt: Date | null;
  signedOn: Date | null;
  validUntil: Date | null;
  overrideReason: string | null;
  declineReason: string | null;
  version: number;
}

/** A signed screening with the definition of the template it answered, for eligibility. */
export interface SignedScreeningRecord extends ScreeningRecord {
  templateDefinition: unknown;
}

/** A submitted or declined screening, as much as eligibility needs of it. */
export interface UnsignedScreeningRecord {
  id: string;
  kind: ScreeningKind;
  status: 'SUBMITTED' | 'DECLINED';
  result: EligibilityStatus | null;
  reasons: unknown;
  suicidalityFlag: boolean;
  submittedAt: Date;
}

export interface ClinicScreeningRow {
  timezone: string;
  bpReviewSystolic: number;
  bpReviewDiastolic: number;
  bpBlockSystolic: number;
  bpBlockDiastolic: number;
  screeningValidityDays: number;
}

export interface QueueRecord extends ScreeningRecord {
  patient: { id: string; mrn: string; givenName: string; familyName: string };
}

/** The columns a state change may set; `version` is checked and incremented by the repository. */
export type ScreeningChange = Partial<
  Pick<
    ScreeningRecord,
    | 'answers'
    | 'status'
    | 'scores'
    | 'result'
    | 'reasons'
    | 'suicidalityFlag'
    | 'noSerialInfusions'
    | 'dayOnlyItems'
    | 'submittedById'
    | 'submittedAt'
    | 'signedById'
    | 'signedAt'
    | 'signedOn'
    | 'validUntil'
    | 'overrideReason'
    | 'declineReason'
  >
>;

export type ChangeResult =
  | { ok: true; value: ScreeningRecord }
  | { ok: false; reason: 'NOT_FOUND' }
  | { ok: false; reason: 'STALE_VERSION'; currentVersion: number }
  | { ok: false; reason: 'WRONG_STATUS'; status: ScreeningState };

const WITH_TEMPLATE = { template: { select: { version: true, definition: true } } } as const;
type ScreeningWithTemplate = Prisma.ScreeningGetPayload<{ include: typeof WITH_TEMPLATE }>;

function toRecord({ template, updatedAt: _updatedAt, ...row }: ScreeningWithTemplate): ScreeningRecord {
  return {
    ...row,
    templateVersion: template.version,
    answers: (row.answers ?? {}) as Record<string, unknown>,
  };
}

/** `Prisma.JsonNull` for a cleared JSON column, the value itself otherwise. */
function json(value: unknown): Prisma.InputJsonValue | typeof Prisma.JsonNull {
  return value === null || value === undefined ? Prisma.JsonNull : (value as Prisma.InputJsonValue);
}

@Injectable()
export class ScreeningRepository {
  constructor(private readonly prisma: PrismaService) {}

  // ------------------------------------------------------------------------------------------
  // Clinic and patient

  clinic(clinicId: string, db: Db = this.prisma): Promise<ClinicScreeningRow | null> {
    return db.clinic.findUnique({
      where: { id: clinicId },
      select: {
        timezone: true,
        bpReviewSystolic: true,
        bpReviewDiastolic: true,
        bpBlockSystolic: true,
        bpBlockDiastolic: true,
        screeningValidityDays: true,
      },
    });
  }

  patient(
    clinicId: string,
    patientId: string,
    db: Db = this.prisma,
  ): Promise<{ id: string; sex: 'FEMALE' | 'MALE' | 'OTHER' | 'UNKNOWN' } | null> {
    return db.patient.findFirst({ where: { id: patientId, clinicId }, select: { id: true, sex: true } });
  }

  // ------------------------------------------------------------------------------------------
  // Screenings

  async create(
    input: {
      clinicId: string;
      patientId: string;
      templateId: string;
      kind: ScreeningKind;
      answers: Record<string, unknown>;
      createdById: string;
      amendsId?: string;
    },
    audit: (id: string) => AuditEntry,
  ): Promise<ScreeningRecord> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.screening.create({
        data: {
          clinicId: input.clinicId,
          patientId: input.patientId,
          templateId: input.templateId,
          kind: input.kind,
          answers: input.answers as Prisma.InputJsonValue,
          createdById: input.createdById,
          amendsId: input.amendsId ?? null,
        },
        include: WITH_TEMPLATE,
      });
      await insertAudit(tx, audit(row.id));
      return toRecord(row);
    });
  }

  /** A screening without auditing the read: for checks before a write, never returned as is. */
  async find(clinicId: string, id: string): Promise<(ScreeningRecord & { templateDefinition: unknown }) | null> {
    const row = await this.prisma.screening.findFirst({ where: { id, clinicId }, include: WITH_TEMPLATE });
    return row ? { ...toRecord(row), templateDefinition: row.template.definition } : null;
  }

  /** The screening and its READ audit row, committed together. */
  read(clinicId: string, id: string, audit: (patientId: string) => AuditEntry): Promise<ScreeningRecord | null> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.screening.findFirst({ where: { id, clinicId }, include: WITH_TEMPLATE });
      if (!row) return null;
      await insertAudit(tx, audit(row.patientId));
      return toRecord(row);
    });
  }

  /** A patient's screenings, newest first, with one READ audit row per screening shown. */
  list(clinicId: string, patientId: string, audit: (screeningId: string) => AuditEntry): Promise<ScreeningRecord[]> {
    return this.prisma.$transaction(async (tx) => {
      const rows = await tx.screening.findMany({
        where: { clinicId, patientId },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        include: WITH_TEMPLATE,
        take: 500,
      });
      if (rows.length) await tx.auditEvent.createMany({ data: rows.map((row) => audit(row.id)) });
      return rows.map(toRecord);
    });
  }

  /** Submitted screenings awaiting a clinician, with one READ audit row per screening shown. */
  queue(clinicId: string, audit: (screeningId: string, patientId: string) => AuditEntry): Promise<QueueRecord[]> {
    return this.prisma.$transaction(async (tx) => {
      const rows = await tx.screening.findMany({
        where: { clinicId, status: 'SUBMITTED' },
        orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
        include: { ...WITH_TEMPLATE, patient: { select: { id: true, mrn: true, givenName: true, familyName: true } } },
        take: 500,
      });
      if (rows.length) await tx.auditEvent.createMany({ data: rows.map((row) => audit(row.id, row.patientId)) });
      return rows.map(({ patient, ...row }) => ({ ...toRecord(row), patient }));
    });
  }

  /** An audit row on its own, for a read whose data is computed rather than returned as a record. */
  async recordRead(entry: AuditEntry, db: Db = this.prisma): Promise<void> {
    await insertAudit(db, entry);
  }

  /** Signed screenings of a patient (any age), with their templates, for combining into eligibility. */
  async signed(clinicId: string, patientId: string, db: Db = this.prisma): Promise<SignedScreeningRecord[]> {
    const rows = await db.screening.findMany({
      where: { clinicId, patientId, status: 'SIGNED' },
      orderBy: { signedAt: 'desc' },
      include: WITH_TEMPLATE,
    });
    return rows.map((row) => ({ ...toRecord(row), templateDefinition: row.template.definition }));
  }

  /**
   * Submitted (awaiting a clinician) and declined screenings of a patient, newest first: a newer one
   * than the latest signed of its kind can hold treatment. Only what the decision reads; no answers.
   */
  async unsigned(clinicId: string, patientId: string, db: Db = this.prisma): Promise<UnsignedScreeningRecord[]> {
    const rows = await db.screening.findMany({
      where: { clinicId, patientId, status: { in: ['SUBMITTED', 'DECLINED'] }, submittedAt: { not: null } },
      orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }],
      select: {
        id: true,
        kind: true,
        status: true,
        result: true,
        reasons: true,
        suicidalityFlag: true,
        submittedAt: true,
      },
      take: 200,
    });
    return rows.flatMap(({ status, submittedAt, ...row }) =>
      (status === 'SUBMITTED' || status === 'DECLINED') && submittedAt ? [{ ...row, status, submittedAt }] : [],
    );
  }

  /**
   * Applies `change` only while the screening is at `version` and in one of `from`; the check and the
   * write are one UPDATE, so two concurrent state changes cannot both succeed.
   */
  async change(
    clinicId: string,
    id: string,
    version: number,
    from: readonly ScreeningState[],
    change: ScreeningChange,
    audit: (record: ScreeningRecord) => AuditEntry,
  ): Promise<ChangeResult> {
    return this.prisma.$transaction(async (tx) => {
      // Serialised with bookings of the same patient, which decide eligibility under this lock.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('eligibility:' || "patientId"::text))
        FROM "Screening" WHERE id = ${id}::uuid AND "clinicId" = ${clinicId}::uuid`;
      const current = await tx.screening.findFirst({
        where: { id, clinicId },
        select: { status: true, version: true },
      });
      if (!current) return { ok: false, reason: 'NOT_FOUND' } as const;
      if (!from.includes(current.status)) return { ok: false, reason: 'WRONG_STATUS', status: current.status } as const;
      if (current.version !== version)
        return { ok: false, reason: 'STALE_VERSION', currentVersion: current.version } as const;
      const { answers, scores, reasons, ...columns } = change;
      const { count } = await tx.screening.updateMany({
        where: { id, clinicId, version, status: { in: [...from] } },
        data: {
          ...columns,
          ...(answers !== undefined ? { answers: answers as Prisma.InputJsonValue } : {}),
          ...(scores !== undefined ? { scores: json(scores) } : {}),
          ...(reasons !== undefined ? { reasons: json(reasons) } : {}),
          version: { increment: 1 },
        },
      });
      if (count === 0) return { ok: false, reason: 'STALE_VERSION', currentVersion: version + 1 } as const;
      const row = await tx.screening.findFirstOrThrow({ where: { id }, include: WITH_TEMPLATE });
      const record = toRecord(row);
      await insertAudit(tx, audit(record));
      return { ok: true, value: record } as const;
    });
  }
}
