import { findProtocol } from '@cadence/domain';
import type { Actor } from '../../common/auth/current-user';
import { DomainError } from '../../common/errors/domain-error';
import { CLINIC_ID, FakeAudit, FakeTransactions, meta, refusal, type FakeStore } from '../../testing/fakes';
import { auditEntry } from '../audit/audit-entry';
import type { EligibilityService, GateResult } from '../screening/eligibility.service';
import type { SessionHead, SessionRecordsRepository } from '../sessions/session-records.repository';
import type { DoseHistory, StoredDoseEvent, StoredOrder } from './dose-records';
import type { DosingRepository, NewDoseEvent, NewOrder } from './dosing.repository';
import { DosingService } from './dosing.service';

const SESSION_ID = '00000000-0000-4000-8000-00000000d001';
const PATIENT_ID = '00000000-0000-4000-8000-00000000d002';
const nurse: Actor = { id: 'nurse-1', clinicId: CLINIC_ID, email: 'n@clinic.test', roles: ['NURSE'] };
const clinician: Actor = { id: 'clin-1', clinicId: CLINIC_ID, email: 'c@clinic.test', roles: ['CLINICIAN'] };

/** The session, its orders and steps in memory; every lock taken is written down in order. */
class FakeDosing implements FakeStore {
  locks: string[] = [];
  session: SessionHead = {
    id: SESSION_ID,
    clinicId: CLINIC_ID,
    appointmentId: 'appt-1',
    patientId: PATIENT_ID,
    courseId: 'course-1',
    state: 'CHECKED_IN',
    supervisingClinicianId: null,
    checkedInOn: new Date(),
    checkInCleared: true,
    weightKg: { toNumber: () => 70 },
    startedAt: null,
    stoppedAt: null,
    dischargedAt: null,
    nurseSignedAt: null,
    clinicianSignedAt: null,
    version: 1,
  };
  orders: StoredOrder[] = [];
  events: StoredDoseEvent[] = [];

  snapshot() {
    return structuredClone({ session: { ...this.session, weightKg: null }, orders: this.orders, events: this.events });
  }
  restore(state: unknown) {
    const saved = state as { session: SessionHead; orders: StoredOrder[]; events: StoredDoseEvent[] };
    this.session = { ...saved.session, weightKg: this.session.weightKg };
    this.orders = saved.orders;
    this.events = saved.events;
  }

  get sessions(): SessionRecordsRepository {
    return {
      lock: async (clinicId: string, id: string) => {
        this.locks.push(`session:${id}`);
        return clinicId === this.session.clinicId && id === this.session.id ? { ...this.session } : null;
      },
      head: async () => ({ ...this.session }),
      touch: async () => ++this.session.version,
    } as unknown as SessionRecordsRepository;
  }

  get repository(): DosingRepository {
    const history = async (): Promise<DoseHistory> => ({
      sessions: [{ id: this.session.id, courseId: this.session.courseId }],
      orders: this.orders,
      events: this.events,
      homeDoses: [],
    });
    return {
      lockDoses: async (patientId: string) => void this.locks.push(`doses:${patientId}`),
      lockEligibility: async (patientId: string) => void this.locks.push(`eligibility:${patientId}`),
      clinic: async () => ({ timezone: 'Europe/London', dosingSettings: {} }),
      courseProtocol: async () => findProtocol('IV_SINGLE_INFUSION'),
      checkedInAt: async () => new Date(Date.now() - 30 * 60_000),
      history,
      event: async (id: string) => this.events.find((e) => e.id === id) ?? null,
      insertOrder: async (order: NewOrder) => {
        this.orders.push(order);
        return order;
      },
      insertEvent: async (event: NewDoseEvent) => {
        const stored = { ...event, recordedAt: new Date() };
        this.events.push(stored);
        return stored;
      },
      markStarted: async (_id: string, at: Date) => {
        this.session = { ...this.session, state: 'INFUSING', startedAt: at };
      },
      markStopped: async (_id: string, at: Date) => {
        this.session = { ...this.session, state: 'IN_RECOVERY', stoppedAt: at };
      },
    } as unknown as DosingRepository;
  }
}

function kit(gate: GateResult = { ok: true, screeningIds: [] }) {
  const dosing = new FakeDosing();
  const audit = new FakeAudit();
  const transactions = new FakeTransactions().register(dosing, audit);
  const eligibility = {
    gate: async (_clinicId: string, patientId: string, _dates: string[], caller: { actor: Actor }) => {
      await audit.record(auditEntry(caller.actor, meta, { action: 'READ', entity: 'Eligibility', patientId }));
      return gate;
    },
  } as unknown as EligibilityService;
  const service = new DosingService(
    dosing.sessions,
    dosing.repository,
    eligibility,
    audit.repository,
    transactions.host,
  );
  return { dosing, audit, service };
}

const start = (id = '00000000-0000-4000-8000-00000000e001') => ({
  id,
  kind: 'START' as const,
  at: new Date().toISOString(),
});

describe('DosingService', () => {
  it('orders under the session lock, then the patient’s dose lock, with its audit row', async () => {
    const { dosing, audit, service } = kit();
    const order = await service.order(clinician, meta, SESSION_ID, { perKg: 0.5, plannedMinutes: 40 });
    expect(order).toMatchObject({ rateMgPerHour: 35, expectedMg: 23.333, orderedById: clinician.id });
    expect(dosing.locks).toEqual([`session:${SESSION_ID}`, `doses:${PATIENT_ID}`]);
    expect(audit.summary()).toEqual([`CREATE DoseOrder ${order.id}`]);
  });

  it('starts under the session, dose and eligibility locks, moving the session to INFUSING and bumping its version', async () => {
    const { dosing, audit, service } = kit();
    await service.order(clinician, meta, SESSION_ID, { perKg: 0.5, plannedMinutes: 40 });
    dosing.locks = [];
    const { created, event } = await service.recordEvent(nurse, meta, SESSION_ID, start());
    expect(created).toBe(true);
    expect(event).toMatchObject({ kind: 'START', rateMgPerHour: 35, sessionState: 'INFUSING', sessionVersion: 2 });
    expect(dosing.locks).toEqual([`session:${SESSION_ID}`, `doses:${PATIENT_ID}`, `eligibility:${PATIENT_ID}`]);
    expect(audit.summary().slice(1)).toEqual(['READ Eligibility', `CREATE DoseEvent ${event.id}`]);
  });

  it('keeps the gate’s audit row when it refuses the start, and writes no step', async () => {
    const notEligible = new DomainError('NOT_ELIGIBLE', 'Not eligible today.');
    const { dosing, audit, service } = kit({ ok: false, error: notEligible });
    await service.order(clinician, meta, SESSION_ID, { perKg: 0.5, plannedMinutes: 40 });
    await expect(service.recordEvent(nurse, meta, SESSION_ID, start())).rejects.toBe(notEligible);
    expect(dosing.events).toEqual([]);
    expect(dosing.session.state).toBe('CHECKED_IN');
    expect(audit.summary().slice(1)).toEqual(['READ Eligibility']);
  });

  it('writes nothing for a dose it refuses', async () => {
    const { dosing, audit, service } = kit();
    const refused = await refusal(service.order(clinician, meta, SESSION_ID, { perKg: 0.8, plannedMinutes: 40 }));
    expect(refused).toMatchObject({ code: 'DOSE_REFUSED', errors: [{ rule: 'dosing.within-protocol-range' }] });
    expect(dosing.orders).toEqual([]);
    expect(audit.entries).toEqual([]);
  });

  it('answers a retry with the stored step, without consulting the gate again', async () => {
    const { audit, service } = kit();
    await service.order(clinician, meta, SESSION_ID, { perKg: 0.5, plannedMinutes: 40 });
    const body = start();
    const first = await service.recordEvent(nurse, meta, SESSION_ID, body);
    const retry = await service.recordEvent(nurse, meta, SESSION_ID, body);
    expect(retry).toEqual({ created: false, event: first.event });
    expect(audit.summary().filter((s) => s === 'READ Eligibility')).toHaveLength(1);
  });
});
