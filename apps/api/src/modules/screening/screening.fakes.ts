import {
  DEFAULT_SCREENING_SETTINGS,
  SCREENING_TEMPLATES,
  type Answers,
  type Role,
  type ScreeningKind,
  type ScreeningState,
  type ScreeningTemplate,
} from '@cadence/domain';
import { cardiovascularAnswers, generalAnswers, psychiatricAnswers } from '@cadence/domain/testing';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import type { Transactions } from '../../common/prisma/transactions';
import type { AuditEntry } from '../audit/audit-entry';
import type { AuditRepository } from '../audit/audit.repository';
import { EligibilityService } from './eligibility.service';
import { ScreeningChanges } from './screening-changes';
import { ScreeningReviewService } from './screening-review.service';
import { ScreeningWorkflowService } from './screening-workflow.service';
import type {
  ClinicScreeningRow,
  NewScreening,
  PatientSex,
  QueueRecord,
  ScreeningChange,
  ScreeningRecord,
  ScreeningRepository,
  StaffRow,
  UnsignedScreeningRecord,
} from './screening.repository';
import type { ScreeningTemplatesRepository, TemplateRecord } from './screening-templates.repository';
import { ScreeningTemplatesService } from './screening-templates.service';

/*
 * In-memory stand-ins for the screening module's repositories, for unit tests of its services: a
 * small database whose transactions roll back on a throw, so a test sees what a refusal leaves.
 */

interface StoredPatient {
  id: string;
  clinicId: string;
  sex: PatientSex;
  mrn: string;
}

interface Tables {
  screenings: Map<string, ScreeningRecord>;
  audit: AuditEntry[];
  locks: string[];
}

export class InMemoryScreeningDb {
  readonly clinics = new Map<string, ClinicScreeningRow>();
  readonly patients = new Map<string, StoredPatient>();
  readonly templates: (TemplateRecord & { clinicId: string })[] = [];
  tables: Tables = { screenings: new Map(), audit: [], locks: [] };
  inTransaction = false;
  private sequence = 0;

  get screenings(): ScreeningRecord[] {
    return [...this.tables.screenings.values()].map(copy);
  }

  get audit(): AuditEntry[] {
    return this.tables.audit.map(copy);
  }

  /** The advisory-lock keys taken, in order. */
  get locks(): string[] {
    return [...this.tables.locks];
  }

  nextId(): string {
    this.sequence += 1;
    return `00000000-0000-4000-8000-${String(this.sequence).padStart(12, '0')}`;
  }

  addClinic(row: Partial<ClinicScreeningRow> = {}): string {
    const id = this.nextId();
    this.clinics.set(id, {
      timezone: 'Europe/London',
      bpReviewSystolic: DEFAULT_SCREENING_SETTINGS.bpReview.systolic,
      bpReviewDiastolic: DEFAULT_SCREENING_SETTINGS.bpReview.diastolic,
      bpBlockSystolic: DEFAULT_SCREENING_SETTINGS.bpBlock.systolic,
      bpBlockDiastolic: DEFAULT_SCREENING_SETTINGS.bpBlock.diastolic,
      screeningValidityDays: DEFAULT_SCREENING_SETTINGS.validityDays,
      ...row,
    });
    return id;
  }

  addPatient(clinicId: string, sex: PatientSex = 'FEMALE'): string {
    const id = this.nextId();
    this.patients.set(id, { id, clinicId, sex, mrn: `MRN${this.sequence}` });
    return id;
  }

  /** A member of staff of the clinic. */
  staff(clinicId: string, ...roles: Role[]): Actor {
    const actor = { id: this.nextId(), clinicId, email: `staff${this.sequence}@example.org`, roles };
    this.people.set(actor.id, { clinicId, row: { id: actor.id, displayName: `Staff ${this.sequence}`, roles } });
    return actor;
  }

  /** Staff by id, with their clinic, as the users table holds them. */
  readonly people = new Map<string, { clinicId: string; row: StaffRow }>();

  /** Publishes the catalogue's checklists (or `template`) as versions of the clinic. */
  publish(clinicId: string, template?: ScreeningTemplate): TemplateRecord[] {
    const published = (template ? [template] : SCREENING_TEMPLATES).map((t) => ({
      id: this.nextId(),
      clinicId,
      key: t.key,
      kind: t.kind,
      version: t.version,
      title: t.title,
      definition: copy(t),
      publishedAt: new Date('2026-01-01T00:00:00Z'),
    }));
    this.templates.push(...published);
    return published.map(withoutClinic);
  }

  /** A screening stored as it stands, for tests that start from a given history. */
  insert(
    fields: Pick<ScreeningRecord, 'clinicId' | 'patientId' | 'kind' | 'status'> & Partial<ScreeningRecord>,
  ): ScreeningRecord {
    const template = this.templates.find((t) => t.kind === fields.kind && t.clinicId === fields.clinicId);
    if (!template) throw new Error(`No ${fields.kind} checklist published in the fake`);
    const record: ScreeningRecord = {
      id: this.nextId(),
      templateId: template.id,
      template: templateOf(template),
      answers: {},
      scores: null,
      result: null,
      reasons: null,
      suicidalityFlag: false,
      noSerialInfusions: false,
      dayOnlyItems: [],
      amendsId: null,
      createdById: this.nextId(),
      createdAt: new Date('2026-01-01T00:00:00Z'),
      submittedById: null,
      submittedAt: null,
      signedById: null,
      signedAt: null,
      signedOn: null,
      validUntil: null,
      overrideReason: null,
      rechecks: [],
      declineReason: null,
      version: 1,
      ...fields,
    };
    this.tables.screenings.set(record.id, copy(record));
    return copy(record);
  }
}

/** The transaction context: joins an open transaction; a throw restores the tables as they were. */
export class FakeTransactions {
  constructor(private readonly db: InMemoryScreeningDb) {}

  get tx(): never {
    throw new Error('The in-memory repositories do not hand out a client');
  }

  isTransactionActive(): boolean {
    return this.db.inTransaction;
  }

  async withTransaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.db.inTransaction) return fn();
    const before = copyTables(this.db.tables);
    this.db.inTransaction = true;
    try {
      return await fn();
    } catch (error) {
      this.db.tables = before;
      throw error;
    } finally {
      this.db.inTransaction = false;
    }
  }
}

type RepositoryPart = Pick<
  ScreeningRepository,
  | 'clinic'
  | 'patient'
  | 'lockPatientOf'
  | 'create'
  | 'find'
  | 'list'
  | 'queue'
  | 'signed'
  | 'unsigned'
  | 'update'
  | 'staff'
>;

export class InMemoryScreeningRepository implements RepositoryPart {
  constructor(private readonly db: InMemoryScreeningDb) {}

  async staff(clinicId: string, ids: readonly string[]): Promise<Map<string, StaffRow>> {
    const found = new Map<string, StaffRow>();
    for (const id of ids) {
      const person = this.db.people.get(id);
      if (person?.clinicId === clinicId) found.set(id, copy(person.row));
    }
    return found;
  }

  async clinic(clinicId: string): Promise<ClinicScreeningRow | null> {
    const row = this.db.clinics.get(clinicId);
    return row ? copy(row) : null;
  }

  async patient(clinicId: string, patientId: string): Promise<{ id: string; sex: PatientSex } | null> {
    const row = this.db.patients.get(patientId);
    return row && row.clinicId === clinicId ? { id: row.id, sex: row.sex } : null;
  }

  async lockPatientOf(clinicId: string, id: string): Promise<void> {
    if (!this.db.inTransaction) throw new Error('A transaction-scoped lock outside a transaction ends at once');
    const row = this.db.tables.screenings.get(id);
    if (row && row.clinicId === clinicId) this.db.tables.locks.push(`eligibility:${row.patientId}`);
  }

  async create(input: NewScreening): Promise<ScreeningRecord> {
    // As the composite foreign key does: a screening answers one of its own clinic's checklists.
    const template = this.db.templates.find((t) => t.id === input.templateId && t.clinicId === input.clinicId);
    if (!template) throw new Error('foreign key: (clinicId, templateId)');
    const record: ScreeningRecord = {
      id: this.db.nextId(),
      clinicId: input.clinicId,
      patientId: input.patientId,
      templateId: input.templateId,
      kind: input.kind,
      template: templateOf(template),
      status: 'DRAFT',
      answers: copy(input.answers),
      scores: null,
      result: null,
      reasons: null,
      suicidalityFlag: false,
      noSerialInfusions: false,
      dayOnlyItems: [],
      amendsId: input.amendsId ?? null,
      createdById: input.createdById,
      createdAt: new Date(),
      submittedById: null,
      submittedAt: null,
      signedById: null,
      signedAt: null,
      signedOn: null,
      validUntil: null,
      overrideReason: null,
      rechecks: [],
      declineReason: null,
      version: 1,
    };
    this.db.tables.screenings.set(record.id, copy(record));
    return copy(record);
  }

  async find(clinicId: string, id: string): Promise<ScreeningRecord | null> {
    const row = this.db.tables.screenings.get(id);
    return row && row.clinicId === clinicId ? copy(row) : null;
  }

  async list(clinicId: string, patientId: string): Promise<ScreeningRecord[]> {
    return this.where((s) => s.clinicId === clinicId && s.patientId === patientId).sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id),
    );
  }

  async queue(clinicId: string): Promise<QueueRecord[]> {
    return this.where((s) => s.clinicId === clinicId && s.status === 'SUBMITTED')
      .sort((a, b) => (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0) || a.id.localeCompare(b.id))
      .map((s) => {
        const patient = this.db.patients.get(s.patientId);
        if (!patient) throw new Error('foreign key: patientId');
        return { ...s, patient: { id: patient.id, mrn: patient.mrn, givenName: 'Given', familyName: 'Family' } };
      });
  }

  async queueCount(clinicId: string): Promise<{ waiting: number; flagged: number }> {
    const waiting = this.where((s) => s.clinicId === clinicId && s.status === 'SUBMITTED');
    return { waiting: waiting.length, flagged: waiting.filter((s) => s.suicidalityFlag).length };
  }

  async signed(clinicId: string, patientId: string): Promise<ScreeningRecord[]> {
    return this.where((s) => s.clinicId === clinicId && s.patientId === patientId && s.status === 'SIGNED').sort(
      (a, b) => (b.signedAt?.getTime() ?? 0) - (a.signedAt?.getTime() ?? 0),
    );
  }

  async unsigned(clinicId: string, patientId: string): Promise<UnsignedScreeningRecord[]> {
    return this.where(
      (s) =>
        s.clinicId === clinicId &&
        s.patientId === patientId &&
        (s.status === 'SUBMITTED' || s.status === 'DECLINED') &&
        s.submittedAt !== null,
    )
      .sort((a, b) => (b.submittedAt?.getTime() ?? 0) - (a.submittedAt?.getTime() ?? 0))
      .map((s) => ({
        id: s.id,
        kind: s.kind,
        status: s.status as 'SUBMITTED' | 'DECLINED',
        result: s.result,
        reasons: s.reasons,
        suicidalityFlag: s.suicidalityFlag,
        submittedAt: s.submittedAt as Date,
      }));
  }

  async update(
    clinicId: string,
    id: string,
    from: { version: number; status: ScreeningState },
    change: ScreeningChange,
  ): Promise<ScreeningRecord | null> {
    const row = this.db.tables.screenings.get(id);
    if (!row || row.clinicId !== clinicId || row.version !== from.version || row.status !== from.status) return null;
    // As the database's trigger does: a signed record is final.
    if (row.status === 'SIGNED') throw new Error('a signed screening is never changed');
    const updated = { ...row, ...copy(change), version: row.version + 1 };
    this.db.tables.screenings.set(id, updated);
    return copy(updated);
  }

  private where(keep: (s: ScreeningRecord) => boolean): ScreeningRecord[] {
    return [...this.db.tables.screenings.values()].filter(keep).map(copy);
  }
}

export class InMemoryScreeningTemplatesRepository implements Pick<ScreeningTemplatesRepository, 'find' | 'latest'> {
  constructor(private readonly db: InMemoryScreeningDb) {}

  async find(clinicId: string, id: string): Promise<TemplateRecord | null> {
    const row = this.db.templates.find((t) => t.id === id && t.clinicId === clinicId);
    return row ? copy(withoutClinic(row)) : null;
  }

  async latest(clinicId: string, key: string): Promise<TemplateRecord | null> {
    const [row] = this.db.templates
      .filter((t) => t.clinicId === clinicId && t.key === key)
      .sort((a, b) => b.version - a.version);
    return row ? copy(withoutClinic(row)) : null;
  }
}

export class InMemoryAuditRepository implements Pick<AuditRepository, 'record' | 'recordMany'> {
  constructor(private readonly db: InMemoryScreeningDb) {}

  async record(entry: AuditEntry): Promise<void> {
    this.db.tables.audit.push(copy(entry));
  }

  async recordMany(entries: AuditEntry[]): Promise<void> {
    this.db.tables.audit.push(...entries.map(copy));
  }
}

/** The module's services over one in-memory database. */
export function screeningServicesOver(db: InMemoryScreeningDb) {
  // The fakes cover what the services call; the casts stand for Nest's injection.
  const screenings = new InMemoryScreeningRepository(db) as unknown as ScreeningRepository;
  const audit = new InMemoryAuditRepository(db) as unknown as AuditRepository;
  const transactions = new FakeTransactions(db) as unknown as Transactions;
  const templates = new ScreeningTemplatesService(
    new InMemoryScreeningTemplatesRepository(db) as unknown as ScreeningTemplatesRepository,
    audit,
    transactions,
  );
  const changes = new ScreeningChanges(screenings, audit);
  return {
    workflow: new ScreeningWorkflowService(screenings, templates, changes, audit, transactions),
    review: new ScreeningReviewService(screenings, changes, audit, transactions),
    eligibility: new EligibilityService(screenings, audit, transactions),
  };
}

export const REQUEST: RequestMeta = { requestId: 'req-1', ip: '127.0.0.1' };

/** Complete, unremarkable answers of each checklist, to which a test applies only its change. */
export const ANSWERS: Record<ScreeningKind, (overrides?: Answers) => Answers> = {
  CARDIOVASCULAR: cardiovascularAnswers,
  PSYCHIATRIC: psychiatricAnswers,
  GENERAL: generalAnswers,
};

function templateOf(row: TemplateRecord): ScreeningRecord['template'] {
  return { key: row.key, kind: row.kind, version: row.version, title: row.title, definition: copy(row.definition) };
}

function withoutClinic({ clinicId: _clinicId, ...row }: TemplateRecord & { clinicId: string }): TemplateRecord {
  return row;
}

function copyTables(tables: Tables): Tables {
  return {
    screenings: new Map([...tables.screenings].map(([k, v]) => [k, copy(v)])),
    audit: tables.audit.map(copy),
    locks: [...tables.locks],
  };
}

/** Rows leave and enter the fake as copies, as they do a database. */
function copy<T>(value: T): T {
  return structuredClone(value);
}
