import type { Protocol } from '@cadence/domain';
import {
  bookingKit,
  catalogue,
  CHAIR_1,
  futureMonday,
  OTHER_PATIENT_ID,
  PATIENT_ID,
  session,
} from '../../testing/booking-fakes';
import { CLINIC_ID, type FakeStore, meta, refusal, scheduler } from '../../testing/fakes';
import type { CancellationState, CourseRecord, CoursesRepository, NewCourse } from './courses.repository';
import { CoursesService } from './courses.service';
import type { BoosterFactsService } from '../boosters/booster-facts.service';
import type { BoostersRepository } from '../boosters/boosters.repository';

const notUsed = new Proxy(
  {},
  {
    get: (_target, name) => () => {
      throw new Error(`${String(name)} is not used by an initial course`);
    },
  },
);

interface StoredProtocol {
  id: string;
  key: string;
  version: number;
  name: string;
  setting: string;
  definition: unknown;
  active: boolean;
}

interface StoredAppointment {
  id: string;
  status: string;
  startsAt: string;
  endsAt: string;
  chairId: string;
  version: number;
  cancelReason: string | null;
}

interface StoredCourse {
  id: string;
  patientId: string;
  protocolId: string;
  status: string;
  version: number;
  cancelReason: string | null;
  eligibilityScreeningIds: string[];
  appointments: StoredAppointment[];
}

/** The courses table and its appointments, in memory, with the guards the real statements carry. */
class FakeCourses implements FakeStore {
  protocols: StoredProtocol[] = [];
  patients = new Set([PATIENT_ID]);
  courses: StoredCourse[] = [];
  /** Set to make the next write meet an exclusion constraint, as a concurrent booking would. */
  clashOnWrite = false;
  private nextId = 1;

  snapshot() {
    return structuredClone(this.courses);
  }

  restore(state: unknown) {
    this.courses = state as StoredCourse[];
  }

  async protocol(clinicId: string, id: string) {
    return (clinicId === CLINIC_ID && this.protocols.find((p) => p.id === id)) || null;
  }

  async latestActiveProtocol(clinicId: string, key: string) {
    const active = this.protocols
      .filter((p) => clinicId === CLINIC_ID && p.key === key && p.active)
      .sort((a, b) => b.version - a.version);
    return active[0] ? { id: active[0].id, version: active[0].version } : null;
  }

  async patientExists(clinicId: string, id: string) {
    return clinicId === CLINIC_ID && this.patients.has(id);
  }

  async create(course: NewCourse) {
    if (this.clashOnWrite) return undefined;
    const id = `course-${this.nextId++}`;
    this.courses.push({
      id,
      patientId: course.patientId,
      protocolId: course.protocolId,
      status: 'BOOKED',
      version: 1,
      cancelReason: null,
      eligibilityScreeningIds: course.eligibilityScreeningIds,
      appointments: course.sessions.map((s, i) => ({
        id: `${id}-a${i + 1}`,
        status: 'BOOKED',
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        chairId: s.chairId,
        version: 1,
        cancelReason: null,
      })),
    });
    return id;
  }

  async read(clinicId: string, id: string) {
    const course = clinicId === CLINIC_ID ? this.courses.find((c) => c.id === id) : undefined;
    return course ? this.record(course) : null;
  }

  async forPatient(_clinicId: string, patientId: string) {
    return this.courses.filter((c) => c.patientId === patientId).map((c) => this.record(c));
  }

  async cancelIfIdle(_clinicId: string, id: string, version: number, reason: string, now: Date) {
    const course = this.courses.find((c) => c.id === id);
    const underWay = course?.appointments.some(
      (a) => a.status === 'BOOKED' && Date.parse(a.startsAt) <= now.getTime() && now.getTime() < Date.parse(a.endsAt),
    );
    if (!course || course.version !== version || course.status !== 'BOOKED' || underWay) return false;
    Object.assign(course, { status: 'CANCELLED', cancelReason: reason, version: course.version + 1 });
    return true;
  }

  async cancellationState(_clinicId: string, id: string): Promise<CancellationState | undefined> {
    const course = this.courses.find((c) => c.id === id);
    if (!course) return undefined;
    return {
      patientId: course.patientId,
      version: course.version,
      status: course.status,
      appointments: course.appointments.map((a) => ({ id: a.id, status: a.status, start: a.startsAt, end: a.endsAt })),
    };
  }

  async cancelAppointments(courseId: string, ids: string[], reason: string, now: Date) {
    const course = this.courses.find((c) => c.id === courseId)!;
    const cancelled = course.appointments.filter(
      (a) => ids.includes(a.id) && a.status === 'BOOKED' && Date.parse(a.startsAt) > now.getTime(),
    );
    for (const a of cancelled) Object.assign(a, { status: 'CANCELLED', cancelReason: reason, version: a.version + 1 });
    return cancelled.map((a) => a.id);
  }

  private record(c: StoredCourse): CourseRecord {
    const protocol = this.protocols.find((p) => p.id === c.protocolId)!;
    return {
      id: c.id,
      clinicId: CLINIC_ID,
      patientId: c.patientId,
      protocolId: c.protocolId,
      protocol: { id: protocol.id, key: protocol.key, version: protocol.version, name: protocol.name },
      status: c.status,
      sessionCount: c.appointments.length,
      eligibilityScreeningIds: c.eligibilityScreeningIds,
      baselinePainNrs: null,
      baselinePainInterference: null,
      cancelReason: c.cancelReason,
      createdAt: new Date('2031-01-01T00:00:00Z'),
      version: c.version,
      appointments: c.appointments.map((a, i) => ({
        id: a.id,
        sessionNumber: i + 1,
        chairId: a.chairId,
        chair: { name: 'Chair 1' },
        startsAt: new Date(a.startsAt),
        endsAt: new Date(a.endsAt),
        status: a.status,
        kind: 'INITIAL',
        cancelReason: a.cancelReason,
        version: a.version,
      })),
    } as unknown as CourseRecord;
  }
}

const FIVE_DAY_ID = '00000000-0000-4000-8000-00000000f005';
const fiveDay = catalogue('IV_FIVE_DAY_LOW_DOSE');

function stored(protocol: Protocol, id: string, overrides: Partial<StoredProtocol> = {}): StoredProtocol {
  return {
    id,
    key: protocol.key,
    version: protocol.version,
    name: protocol.name,
    setting: protocol.setting,
    definition: JSON.parse(JSON.stringify(protocol)),
    active: true,
    ...overrides,
  };
}

function setup() {
  const courses = new FakeCourses();
  courses.protocols.push(stored(fiveDay, FIVE_DAY_ID));
  const kit = bookingKit(courses);
  const service = new CoursesService(
    courses as unknown as CoursesRepository,
    kit.planning,
    kit.booking,
    // No booster is booked here: boosters are tested end to end (test/api/boosters.e2e-spec.ts).
    notUsed as unknown as BoosterFactsService,
    notUsed as unknown as BoostersRepository,
    kit.audit.repository,
    kit.transactions.host,
  );
  return { ...kit, courses, service };
}

const monday = futureMonday();
const plan = [0, 1, 2, 3, 4].map((d) => session(CHAIR_1, monday, d, '09:00', fiveDay.minutesPerSession));
const booking = { patientId: PATIENT_ID, protocolId: FIVE_DAY_ID, sessions: plan };

describe('CoursesService.book', () => {
  it('books every session under the clinic lock, then the patient lock and gate, and audits it', async () => {
    const t = setup();
    const course = await t.service.book(scheduler, meta, booking);
    expect(course.appointments.map((a) => a.startsAt)).toEqual(plan.map((s) => s.startsAt));
    expect(course.eligibilityScreeningIds).toEqual(t.eligibility.screeningIds);
    expect(t.locks.taken).toEqual([`booking:${CLINIC_ID}`, `eligibility:${PATIENT_ID}`]);
    expect(t.eligibility.consulted).toEqual([
      { dates: plan.map((s) => s.startsAt.slice(0, 10)), locksHeld: t.locks.taken, inTransaction: true },
    ]);
    expect(t.capacity.loadsInTransaction).toBe(1);
    expect(t.audit.summary()).toEqual(['READ Eligibility', `BOOK Course ${course.id}`]);
    expect(t.audit.entries[1].fields).toEqual([
      'appointments',
      'eligibilityScreeningIds',
      'protocolId',
      'sessionCount',
    ]);
  });

  it('refuses a session already started before taking any lock or consulting eligibility', async () => {
    const t = setup();
    const started = { ...plan[0], startsAt: new Date(Date.now() - 60_000).toISOString() };
    const error = await refusal(t.service.book(scheduler, meta, { ...booking, sessions: [started, ...plan.slice(1)] }));
    expect(error).toMatchObject({ code: 'PLAN_INFEASIBLE', errors: [{ field: 'sessions[0]', rule: 'IN_THE_PAST' }] });
    expect(t.locks.taken).toEqual([]);
    expect(t.eligibility.consulted).toEqual([]);
    expect(t.courses.courses).toEqual([]);
  });

  it('refuses NOT_ELIGIBLE and writes nothing but the gate’s audit row', async () => {
    const t = setup();
    t.eligibility.refuse = true;
    const error = await refusal(t.service.book(scheduler, meta, booking));
    expect(error.code).toBe('NOT_ELIGIBLE');
    expect(t.courses.courses).toEqual([]);
    expect(t.capacity.loadsInTransaction).toBe(0);
    expect(t.audit.summary()).toEqual(['READ Eligibility']);
  });

  it('refuses a plan the fresh re-check under the lock finds infeasible, keeping the gate’s audit row', async () => {
    const t = setup();
    // Booked by someone else after the options were offered.
    t.capacity.existing = [
      { id: 'x', resourceId: CHAIR_1, patientId: OTHER_PATIENT_ID, start: plan[3].startsAt, end: plan[3].endsAt },
    ];
    const error = await refusal(t.service.book(scheduler, meta, booking));
    expect(error.code).toBe('PLAN_INFEASIBLE');
    expect(error.errors.map((e) => e.field)).toEqual(['sessions[3]']);
    expect(t.courses.courses).toEqual([]);
    expect(t.audit.summary()).toEqual(['READ Eligibility']);
  });

  it('answers SLOT_TAKEN when a constraint refuses the write, and rolls the whole booking back', async () => {
    const t = setup();
    t.courses.clashOnWrite = true;
    const error = await refusal(t.service.book(scheduler, meta, booking));
    expect(error.code).toBe('SLOT_TAKEN');
    expect(t.audit.entries).toEqual([]);
  });

  it('books only the newest active version of a protocol, and no home protocol', async () => {
    const t = setup();
    t.courses.protocols.push(stored({ ...fiveDay, version: 2 }, 'v2'));
    const superseded = await refusal(t.service.book(scheduler, meta, booking));
    expect(superseded).toMatchObject({
      code: 'PROTOCOL_NOT_BOOKABLE',
      errors: [{ field: 'protocolId', rule: 'latestVersion' }],
      extensions: { reason: 'PROTOCOL_SUPERSEDED', currentProtocolId: 'v2', currentVersion: 2 },
    });
    t.courses.protocols.push(stored(catalogue('ORAL_MAINTENANCE'), 'oral'));
    const home = await refusal(t.service.book(scheduler, meta, { ...booking, protocolId: 'oral' }));
    expect(home.code).toBe('PROTOCOL_NOT_BOOKABLE');
    expect(t.locks.taken).toEqual([]);
  });

  it('answers 404 for a patient of another clinic or an inactive protocol', async () => {
    const t = setup();
    expect((await refusal(t.service.book(scheduler, meta, { ...booking, patientId: OTHER_PATIENT_ID }))).code).toBe(
      'NOT_FOUND',
    );
    t.courses.protocols[0].active = false;
    expect((await refusal(t.service.book(scheduler, meta, booking))).code).toBe('NOT_FOUND');
  });

  it('refuses to book against a stored protocol that is not a valid protocol', async () => {
    const t = setup();
    t.courses.protocols[0].definition = { ...fiveDay, minutesPerSession: 'ninety' };
    await expect(t.service.book(scheduler, meta, booking)).rejects.toThrow(/not a valid protocol/);
    expect(t.courses.courses).toEqual([]);
  });
});

describe('CoursesService.cancel', () => {
  async function booked(t: ReturnType<typeof setup>, sessions = plan) {
    return t.service.book(scheduler, meta, { ...booking, sessions });
  }

  it('cancels the course and its sessions, with an audit row for each', async () => {
    const t = setup();
    const course = await booked(t);
    const cancelled = await t.service.cancel(scheduler, meta, course.id, { version: 1, reason: 'Patient moved away' });
    expect(cancelled).toMatchObject({ status: 'CANCELLED', version: 2, cancelReason: 'Patient moved away' });
    expect(cancelled.appointments.every((a) => a.status === 'CANCELLED')).toBe(true);
    expect(t.audit.summary().slice(2)).toEqual([
      `CANCEL Course ${course.id}`,
      ...course.appointments.map((a) => `CANCEL Appointment ${a.id}`),
    ]);
  });

  it('refuses while a session is under way, naming it, and changes nothing', async () => {
    const t = setup();
    const course = await booked(t);
    const underWay = t.courses.courses[0].appointments[0];
    underWay.startsAt = new Date(Date.now() - 10 * 60_000).toISOString();
    underWay.endsAt = new Date(Date.now() + 30 * 60_000).toISOString();
    const error = await refusal(t.service.cancel(scheduler, meta, course.id, { version: 1, reason: 'x' }));
    expect(error).toMatchObject({
      code: 'INVALID_TRANSITION',
      extensions: { reason: 'SESSION_UNDER_WAY', appointmentIds: [underWay.id] },
    });
    expect(t.courses.courses[0]).toMatchObject({ status: 'BOOKED', version: 1 });
    expect(t.audit.summary()).toHaveLength(2);
  });

  it('answers STALE_VERSION with the current version', async () => {
    const t = setup();
    const course = await booked(t);
    const error = await refusal(t.service.cancel(scheduler, meta, course.id, { version: 7, reason: 'x' }));
    expect(error).toMatchObject({
      code: 'STALE_VERSION',
      errors: [{ field: 'version', rule: 'current' }],
      extensions: { currentVersion: 1 },
    });
  });

  it('refuses a course that is no longer booked, and one that does not exist', async () => {
    const t = setup();
    const course = await booked(t);
    await t.service.cancel(scheduler, meta, course.id, { version: 1, reason: 'first' });
    const again = await refusal(t.service.cancel(scheduler, meta, course.id, { version: 2, reason: 'again' }));
    expect(again.code).toBe('INVALID_TRANSITION');
    expect((await refusal(t.service.cancel(scheduler, meta, 'missing', { version: 1, reason: 'x' }))).code).toBe(
      'NOT_FOUND',
    );
  });
});

describe('CoursesService reads', () => {
  it('audits a read only when the course is returned', async () => {
    const t = setup();
    const course = await t.service.book(scheduler, meta, booking);
    await t.service.get(scheduler, meta, course.id);
    expect((await refusal(t.service.get(scheduler, meta, 'missing'))).code).toBe('NOT_FOUND');
    expect(t.audit.summary().slice(2)).toEqual([`READ Course ${course.id}`]);
  });

  it("lists a patient's courses with one SEARCH row, and 404s for a patient of another clinic", async () => {
    const t = setup();
    await t.service.book(scheduler, meta, booking);
    expect((await t.service.forPatient(scheduler, meta, PATIENT_ID)).items).toHaveLength(1);
    expect((await refusal(t.service.forPatient(scheduler, meta, OTHER_PATIENT_ID))).code).toBe('NOT_FOUND');
    expect(t.audit.summary().slice(2)).toEqual(['SEARCH Course']);
  });
});
