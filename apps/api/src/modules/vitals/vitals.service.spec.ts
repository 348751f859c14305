import { DomainError } from '../../common/errors/domain-error';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import type { SessionChecks } from '../../common/auth/session-checks';
import type { Transactions } from '../../common/prisma/transactions';
import type { AuditRepository } from '../audit/audit.repository';
import type { SessionRecordsRepository } from '../sessions/session-records.repository';
import type { RecordVitalsDto } from './dto/vitals.dto';
import type { ReadingContext, VitalsRepository } from './vitals.repository';
import type { NewReading, ReadingWithDraftsRow } from './vitals.sql';
import { VitalsService } from './vitals.service';

const SESSION_ID = '00000000-0000-4000-8000-0000000000a1';
const nurse: Actor = { id: '00000000-0000-4000-8000-0000000000b1', clinicId: 'c1', email: 'n@x', roles: ['NURSE'] };
const meta: RequestMeta = { requestId: 'r1', ip: '127.0.0.1' };
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

/** The flowsheet's rows in memory: one session, its readings, the statements' answers. */
class FakeVitals {
  state: ReadingContext['state'] = 'INFUSING';
  readings: ReadingWithDraftsRow[] = [];
  inserted: NewReading[] = [];
  /** The next insert finds the id taken by a racing retry, as ON CONFLICT DO NOTHING does. */
  raceNextInsert = false;
  /** The session's protocol's `infusionOverrides`. */
  protocolOverrides: unknown = null;

  context(readingId: string, takenAt: Date): ReadingContext {
    const before = this.readings
      .filter((r) => Date.parse(r.takenAt) < takenAt.getTime())
      .sort((a, b) => Date.parse(b.takenAt) - Date.parse(a.takenAt));
    return {
      id: SESSION_ID,
      patientId: 'p1',
      state: this.state,
      startedAt: new Date(Date.now() - 30 * 60_000),
      nurseSignedAt: null,
      clinicSettings: {},
      protocolIntervalMinutes: 15,
      protocolOverrides: this.protocolOverrides,
      existing: this.readings.find((r) => r.id === readingId) ?? null,
      previous: before[0] ?? null,
    };
  }

  store(reading: NewReading): ReadingWithDraftsRow {
    const row: ReadingWithDraftsRow = {
      id: reading.id,
      sessionId: reading.sessionId,
      takenAt: reading.takenAt.toISOString(),
      systolic: null,
      diastolic: null,
      heartRate: null,
      spo2: null,
      respiratoryRate: null,
      rass: null,
      dissociation: null,
      ...reading.signs,
      alerts: reading.alerts,
      recordedById: reading.recordedById,
      recordedAt: new Date().toISOString(),
      voidedById: null,
      voidedAt: null,
      voidReason: null,
      draftAdverseEventIds: reading.drafts.map((_, i) => `draft-${reading.id}-${i}`),
    };
    this.readings.push(row);
    return row;
  }

  get repository(): VitalsRepository {
    return {
      beforeReading: async (_clinicId: string, _sessionId: string, readingId: string, takenAt: Date) =>
        this.context(readingId, takenAt),
      insert: async (_clinicId: string, reading: NewReading) => {
        this.inserted.push(reading);
        if (this.raceNextInsert) {
          this.raceNextInsert = false;
          this.store(reading);
          return { open: true, reading: null };
        }
        const open = this.state !== 'DISCHARGED';
        return { open, reading: open ? this.store(reading) : null };
      },
    } as unknown as VitalsRepository;
  }
}

function kit() {
  const vitals = new FakeVitals();
  const service = new VitalsService(
    vitals.repository,
    {} as SessionRecordsRepository,
    {} as AuditRepository,
    { confirm: async () => undefined } as unknown as SessionChecks,
    {} as Transactions,
  );
  return { vitals, service };
}

const entry = (change: Partial<RecordVitalsDto> = {}): RecordVitalsDto => ({
  id: `00000000-0000-4000-8000-${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`,
  takenAt: minutesAgo(1),
  systolic: 130,
  diastolic: 80,
  heartRate: 80,
  ...change,
});

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
};

describe('VitalsService.record', () => {
  it('refuses a sign outside its entry range before reading or writing anything', async () => {
    const { vitals, service } = kit();
    const error = await refusal(service.record(nurse, meta, SESSION_ID, entry({ heartRate: 251 })));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.errors).toEqual([
      { field: 'heartRate', rule: 'entryRange', message: 'heartRate must be a whole number from 20 to 250' },
    ]);
    expect(vitals.inserted).toEqual([]);
  });

  it('judges a crossing against the reading before it: a repeat escalates and drafts nothing', async () => {
    const { vitals, service } = kit();
    const first = await service.record(nurse, meta, SESSION_ID, entry({ systolic: 190, takenAt: minutesAgo(6) }));
    expect(first.reading.alerts).toEqual([expect.objectContaining({ code: 'BP_HIGH', actions: ['RECHECK'] })]);
    expect(vitals.inserted[0].drafts).toEqual([{ term: 'hypertension', grade: 3, description: null }]);

    const again = await service.record(nurse, meta, SESSION_ID, entry({ systolic: 188 }));
    expect(again.reading.alerts).toEqual([
      expect.objectContaining({ code: 'BP_HIGH', actions: ['PAUSE', 'CALL_CLINICIAN'], draftsAdverseEvent: false }),
    ]);
    expect(vitals.inserted[1].drafts).toEqual([]);
  });

  it("alerts at the protocol's own limit where it sets one, and at the clinic's elsewhere", async () => {
    const { vitals, service } = kit();
    vitals.protocolOverrides = { thresholds: { systolicAbove: 160 } };
    const at160 = await service.record(nurse, meta, SESSION_ID, entry({ systolic: 160, takenAt: minutesAgo(20) }));
    expect(at160.reading.alerts).toEqual([]);
    const at161 = await service.record(nurse, meta, SESSION_ID, entry({ systolic: 161, takenAt: minutesAgo(10) }));
    expect(at161.reading.alerts).toEqual([expect.objectContaining({ code: 'BP_HIGH' })]);
    // The heart-rate limit is still the clinic's default (above 120).
    const hr = await service.record(nurse, meta, SESSION_ID, entry({ systolic: 130, heartRate: 121 }));
    expect(hr.reading.alerts).toEqual([expect.objectContaining({ code: 'HEART_RATE_HIGH' })]);
  });

  it('answers a retry with the stored reading, and refuses a different reading under its id', async () => {
    const { vitals, service } = kit();
    const body = entry({ spo2: 90 });
    const first = await service.record(nurse, meta, SESSION_ID, body);
    const retry = await service.record(nurse, meta, SESSION_ID, body);
    expect(retry).toEqual({ created: false, reading: first.reading });
    expect(vitals.inserted).toHaveLength(1);
    const error = await refusal(service.record(nurse, meta, SESSION_ID, { ...body, spo2: 91 }));
    expect(error.code).toBe('ENTRY_ID_TAKEN');
  });

  it('answers with the stored row when a racing retry inserted it first', async () => {
    const { vitals, service } = kit();
    vitals.raceNextInsert = true;
    const body = entry();
    const result = await service.record(nurse, meta, SESSION_ID, body);
    expect(result.created).toBe(false);
    expect(result.reading.id).toBe(body.id);
    expect(vitals.readings).toHaveLength(1);
  });

  it("refuses a reading once the patient is discharged, with the workflow's reason", async () => {
    const { vitals, service } = kit();
    vitals.state = 'DISCHARGED';
    const error = await refusal(service.record(nurse, meta, SESSION_ID, entry()));
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.extensions.reasons).toEqual([
      expect.objectContaining({ code: 'STATE', ruleId: 'session.record_vitals' }),
    ]);
    expect(vitals.inserted).toEqual([]);
  });
});
