import { Inject, Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import type { ScreeningKind, ScreeningState, ScreeningStatus as EligibilityStatus } from '@cadence/domain';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';

/** The version of a checklist a screening answers, as published. */
export interface AnsweredTemplate {
  key: string;
  kind: ScreeningKind;
  version: number;
  title: string;
  definition: unknown;
}

export interface StaffRow {
  id: string;
  displayName: string;
  roles: string[];
}

/** A screening as stored, with plain JSON and dates and the checklist it answers: what the services work with. */
export interface ScreeningRecord {
  id: string;
  clinicId: string;
  patientId: string;
  templateId: string;
  kind: ScreeningKind;
  template: AnsweredTemplate;
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
  rechecks: string[];
  declineReason: string | null;
  version: number;
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

export type PatientSex = 'FEMALE' | 'MALE' | 'OTHER' | 'UNKNOWN';

export interface QueueRecord extends ScreeningRecord {
  patient: { id: string; mrn: string; givenName: string; familyName: string };
}

export interface NewScreening {
  clinicId: string;
  patientId: string;
  templateId: string;
  kind: ScreeningKind;
  answers: Record<string, unknown>;
  createdById: string;
  amendsId?: string;
}

/** The columns a state change may set; `version` is incremented by the repository. */
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
    | 'rechecks'
    | 'declineReason'
  >
>;

const WITH_TEMPLATE = {
  template: { select: { key: true, kind: true, version: true, title: true, definition: true } },
} as const;
type ScreeningWithTemplate = Prisma.ScreeningGetPayload<{ include: typeof WITH_TEMPLATE }>;

function toRecord({ updatedAt: _updatedAt, ...row }: ScreeningWithTemplate): ScreeningRecord {
  return { ...row, answers: (row.answers ?? {}) as Record<string, unknown> };
}

/** `Prisma.JsonNull` for a cleared JSON column, the value itself otherwise. */
function json(value: unknown): Prisma.InputJsonValue | typeof Prisma.JsonNull {
  return value === null || value === undefined ? Prisma.JsonNull : (value as Prisma.InputJsonValue);
}

/** Screenings, with the checklist version each answers, and the clinic settings and patient facts they are scored with. */
@Injectable()
export class ScreeningRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  /** The clinic's staff among `ids`, by id: who recorded, submitted and decided its screenings. */
  async staff(clinicId: string, ids: readonly string[]): Promise<Map<string, StaffRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.user.findMany({
      where: { clinicId, id: { in: [...new Set(ids)] } },
      select: { id: true, displayName: true, roles: true },
    });
    return new Map(rows.map((r) => [r.id, r]));
  }

  // ------------------------------------------------------------------------------------------
  // Clinic and patient

  clinic(clinicId: string): Promise<ClinicScreeningRow | null> {
    return this.db.clinic.findUnique({
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

  patient(clinicId: string, patientId: string): Promise<{ id: string; sex: PatientSex } | null> {
    return this.db.patient.findFirst({ where: { id: patientId, clinicId }, select: { id: true, sex: true } });
  }

  // ------------------------------------------------------------------------------------------
  // Screenings

  /**
   * Takes the screening's patient's eligibility lock for the rest of the transaction; bookings take
   * the same lock (same key) while they decide eligibility, so a screening cannot change state
   * between their decision and their write. No lock when the screening is not in the clinic.
   */
  async lockPatientOf(clinicId: string, id: string): Promise<void> {
    await this.db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('eligibility:' || "patientId"::text))
      FROM "Screening" WHERE id = ${id}::uuid AND "clinicId" = ${clinicId}::uuid`;
  }

  async create(input: NewScreening): Promise<ScreeningRecord> {
    const row = await this.db.screening.create({
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
    return toRecord(row);
  }

  async find(clinicId: string, id: string): Promise<ScreeningRecord | null> {
    const row = await this.db.screening.findFirst({ where: { id, clinicId }, include: WITH_TEMPLATE });
    return row ? toRecord(row) : null;
  }

  /** A patient's screenings, newest first. */
  async list(clinicId: string, patientId: string): Promise<ScreeningRecord[]> {
    const rows = await this.db.screening.findMany({
      where: { clinicId, patientId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      include: WITH_TEMPLATE,
      take: 500,
    });
    return rows.map(toRecord);
  }

  /** Submitted screenings awaiting a clinician, oldest first, with whom they are for. */
  async queue(clinicId: string): Promise<QueueRecord[]> {
    const rows = await this.db.screening.findMany({
      where: { clinicId, status: 'SUBMITTED' },
      orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
      include: { ...WITH_TEMPLATE, patient: { select: { id: true, mrn: true, givenName: true, familyName: true } } },
      take: 500,
    });
    return rows.map(({ patient, ...row }) => ({ ...toRecord(row), patient }));
  }

  /** How many screenings await a clinician, and how many of them are flagged for suicidality. */
  async queueCount(clinicId: string): Promise<{ waiting: number; flagged: number }> {
    const [waiting, flagged] = await Promise.all([
      this.db.screening.count({ where: { clinicId, status: 'SUBMITTED' } }),
      this.db.screening.count({ where: { clinicId, status: 'SUBMITTED', suicidalityFlag: true } }),
    ]);
    return { waiting, flagged };
  }

  /** Signed screenings of a patient (any age), newest first, with their templates. */
  async signed(clinicId: string, patientId: string): Promise<ScreeningRecord[]> {
    const rows = await this.db.screening.findMany({
      where: { clinicId, patientId, status: 'SIGNED' },
      orderBy: { signedAt: 'desc' },
      include: WITH_TEMPLATE,
    });
    return rows.map(toRecord);
  }

  /**
   * Submitted (awaiting a clinician) and declined screenings of a patient, newest first: a newer one
   * than the latest signed of its kind can hold treatment. Only what the decision reads; no answers.
   */
  async unsigned(clinicId: string, patientId: string): Promise<UnsignedScreeningRecord[]> {
    const rows = await this.db.screening.findMany({
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
   * Applies `change` only while the screening is still at `from` (version and state), in one UPDATE
   * that increments the version; null when it no longer is.
   */
  async update(
    clinicId: string,
    id: string,
    from: { version: number; status: ScreeningState },
    change: ScreeningChange,
  ): Promise<ScreeningRecord | null> {
    const { answers, scores, reasons, ...columns } = change;
    const { count } = await this.db.screening.updateMany({
      where: { id, clinicId, version: from.version, status: from.status },
      data: {
        ...columns,
        ...(answers !== undefined ? { answers: answers as Prisma.InputJsonValue } : {}),
        ...(scores !== undefined ? { scores: json(scores) } : {}),
        ...(reasons !== undefined ? { reasons: json(reasons) } : {}),
        version: { increment: 1 },
      },
    });
    if (count === 0) return null;
    return toRecord(await this.db.screening.findFirstOrThrow({ where: { id, clinicId }, include: WITH_TEMPLATE }));
  }
}
