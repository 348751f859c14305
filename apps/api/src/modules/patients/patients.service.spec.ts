import type { SessionChecks } from '../../common/auth/session-checks';
import type { AuditEntry } from '../audit/audit-entry';
import { FakeAudit, type FakeStore, FakeTransactions, CLINIC_ID, meta, refusal, scheduler } from '../../testing/fakes';
import type { CreatePatientDto } from './dto/patient.dto';
import type { PatientChanges, PatientFields, PatientsRepository, UpdateWrite } from './patients.repository';
import { changedFields, PatientsService } from './patients.service';

type Stored = PatientFields & { id: string; version: number };

/** Patients in memory; the read writes its audit row as the real statement does. */
class FakePatients implements FakeStore {
  rows: Stored[] = [];
  /** MRNs another request holds: the unique constraint refuses them. */
  takenMrns = new Set<string>();

  constructor(private readonly audit: FakeAudit) {}

  snapshot() {
    return structuredClone(this.rows);
  }

  restore(state: unknown) {
    this.rows = state as Stored[];
  }

  async read(clinicId: string, id: string, audit: AuditEntry) {
    const row = clinicId === CLINIC_ID ? this.rows.find((r) => r.id === id) : undefined;
    if (!row) return undefined;
    await this.audit.record({ ...audit, entityId: id, patientId: id });
    return { ...row, diagnoses: [], createdAt: new Date(0), updatedAt: new Date(0) };
  }

  async create(_clinicId: string, dto: CreatePatientDto) {
    if (this.mrnInUse(dto.mrn)) return undefined;
    const id = `patient-${this.rows.length + 1}`;
    this.rows.push({
      id,
      version: 1,
      mrn: dto.mrn,
      givenName: dto.givenName,
      familyName: dto.familyName,
      dateOfBirth: dto.dateOfBirth,
      sex: dto.sex,
      weightKg: dto.weightKg ?? null,
      phone: dto.phone ?? null,
      email: dto.email ?? null,
      escortName: dto.escortName ?? null,
      escortPhone: dto.escortPhone ?? null,
    });
    return id;
  }

  async current(clinicId: string, id: string) {
    const row = clinicId === CLINIC_ID ? this.rows.find((r) => r.id === id) : undefined;
    return row ? { ...row } : undefined;
  }

  async update(_clinicId: string, id: string, version: number, changes: PatientChanges): Promise<UpdateWrite> {
    const row = this.rows.find((r) => r.id === id);
    if (changes.mrn && this.mrnInUse(changes.mrn, id)) return 'MRN_TAKEN';
    if (!row || row.version !== version) return 'STALE';
    Object.assign(row, changes, { version: version + 1 });
    return 'UPDATED';
  }

  private mrnInUse(mrn: string, except?: string) {
    return this.takenMrns.has(mrn) || this.rows.some((r) => r.mrn === mrn && r.id !== except);
  }
}

const ada: CreatePatientDto = {
  mrn: 'MRN-0001',
  givenName: 'Ada',
  familyName: 'Lovelace',
  dateOfBirth: '1980-04-02',
  sex: 'FEMALE',
  weightKg: 61.5,
};

function setup() {
  const audit = new FakeAudit();
  const patients = new FakePatients(audit);
  const transactions = new FakeTransactions().register(audit, patients);
  const service = new PatientsService(
    patients as unknown as PatientsRepository,
    audit.repository,
    { confirm: async () => undefined } as unknown as SessionChecks,
    transactions.host,
  );
  return { audit, patients, service };
}

describe('PatientsService', () => {
  it('creates a patient with a CREATE row naming the fields sent, then reads it back audited', async () => {
    const t = setup();
    const created = await t.service.create(scheduler, meta, ada);
    expect(created).toMatchObject({ mrn: 'MRN-0001', version: 1 });
    expect(t.audit.summary()).toEqual([`CREATE Patient ${created.id}`, `READ Patient ${created.id}`]);
    expect(t.audit.entries[0].fields).toEqual(['dateOfBirth', 'familyName', 'givenName', 'mrn', 'sex', 'weightKg']);
  });

  it('refuses a taken MRN with MRN_TAKEN naming the field, and writes no audit row', async () => {
    const t = setup();
    t.patients.takenMrns.add(ada.mrn);
    const error = await refusal(t.service.create(scheduler, meta, ada));
    expect(error).toMatchObject({ code: 'MRN_TAKEN', errors: [{ field: 'mrn', rule: 'unique' }] });
    expect(t.patients.rows).toEqual([]);
    expect(t.audit.entries).toEqual([]);
  });

  it('updates only what changes and names just those fields in the audit row', async () => {
    const t = setup();
    const { id } = await t.service.create(scheduler, meta, ada);
    const updated = await t.service.update(scheduler, meta, id, {
      version: 1,
      givenName: 'Ada',
      phone: '+44 20 7946 0000',
      weightKg: 62,
    });
    expect(updated).toMatchObject({ version: 2, phone: '+44 20 7946 0000', weightKg: 62 });
    const row = t.audit.entries.find((e) => e.action === 'UPDATE')!;
    expect(row.fields).toEqual(['phone', 'weightKg']);
    expect(JSON.stringify(t.audit.entries)).not.toContain('7946');
  });

  it('answers STALE_VERSION with the current version, and changes nothing', async () => {
    const t = setup();
    const { id } = await t.service.create(scheduler, meta, ada);
    await t.service.update(scheduler, meta, id, { version: 1, phone: '+44 20 7946 0001' });
    const error = await refusal(t.service.update(scheduler, meta, id, { version: 1, phone: '+44 20 7946 0002' }));
    expect(error).toMatchObject({
      code: 'STALE_VERSION',
      errors: [{ field: 'version', rule: 'current' }],
      extensions: { currentVersion: 2 },
    });
    expect(t.patients.rows[0].phone).toBe('+44 20 7946 0001');
  });

  it('refuses an update that changes nothing', async () => {
    const t = setup();
    const { id } = await t.service.create(scheduler, meta, ada);
    const error = await refusal(t.service.update(scheduler, meta, id, { version: 1, givenName: 'Ada', phone: null }));
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'body', rule: 'atLeastOneChange' }] });
  });

  it('refuses an MRN another patient holds, rolling the update back', async () => {
    const t = setup();
    const { id } = await t.service.create(scheduler, meta, ada);
    await t.service.create(scheduler, meta, { ...ada, mrn: 'MRN-0002' });
    const error = await refusal(t.service.update(scheduler, meta, id, { version: 1, mrn: 'MRN-0002' }));
    expect(error.code).toBe('MRN_TAKEN');
    expect(t.patients.rows[0]).toMatchObject({ mrn: 'MRN-0001', version: 1 });
    expect(t.audit.entries.filter((e) => e.action === 'UPDATE')).toEqual([]);
  });

  it('answers 404 for a patient of another clinic, on read and on update', async () => {
    const t = setup();
    const { id } = await t.service.create(scheduler, meta, ada);
    const other = { ...scheduler, clinicId: '00000000-0000-4000-8000-00000000c002' };
    expect((await refusal(t.service.get(other, meta, id))).code).toBe('NOT_FOUND');
    expect((await refusal(t.service.update(other, meta, id, { version: 1, phone: null }))).code).toBe('NOT_FOUND');
  });
});

describe('changedFields', () => {
  const current: PatientFields = {
    mrn: 'MRN-0001',
    givenName: 'Ada',
    familyName: 'Lovelace',
    dateOfBirth: '1980-04-02',
    sex: 'FEMALE',
    weightKg: 61.5,
    phone: null,
    email: null,
    escortName: null,
    escortPhone: null,
  };

  it('treats a cleared field that was empty as unchanged, and compares values not identity', () => {
    expect(changedFields(current, { phone: null, dateOfBirth: '1980-04-02', weightKg: 61.5 })).toEqual([]);
    expect(changedFields(current, { email: 'ada@example.test', weightKg: 61.4, familyName: 'Byron' })).toEqual([
      'email',
      'familyName',
      'weightKg',
    ]);
  });
});
