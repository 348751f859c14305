import {
  bookingKit,
  catalogue,
  CHAIR_1,
  CHAIR_2,
  futureMonday,
  OTHER_PATIENT_ID,
  PATIENT_ID,
  session,
} from '../../testing/booking-fakes';
import type { Protocol } from '@cadence/domain';
import { CLINIC_ID, type FakeStore, meta, refusal, scheduler } from '../../testing/fakes';
import type { BookingsToMove } from '../clinic/bookings-to-move';
import type { CourseCompletion } from '../sessions/course-completion';
import type {
  AppointmentRecord,
  AppointmentState,
  AppointmentsRepository,
  BoardRecord,
  CourseSessions,
  Move,
  MoveWrite,
  StatusChange,
} from './appointments.repository';
import { AppointmentsService } from './appointments.service';

interface StoredAppointment {
  id: string;
  courseId: string;
  patientId: string;
  chairId: string;
  startsAt: string;
  endsAt: string;
  status: string;
  version: number;
  cancelReason?: string;
  sessionNumber?: number;
}

interface StoredCourse {
  id: string;
  status: string;
  eligibilityScreeningIds: string[];
  /** The protocol booked under; a single infusion unless told. */
  protocol?: Protocol;
}

const single = catalogue('IV_SINGLE_INFUSION');
const fiveDay = catalogue('IV_FIVE_DAY_LOW_DOSE');

/** A clinic with no closures and nothing to move: the board's marks are the clinic module's own tests. */
const noBookingsToMove = {
  during: async () => new Map(),
  closures: async () => [],
} as unknown as BookingsToMove;

/** Appointments and their courses in memory, with the guards the real updates carry in their where-clause. */
class FakeAppointments implements FakeStore {
  appointments: StoredAppointment[] = [];
  courses: StoredCourse[] = [];
  clashOnMove = false;

  snapshot() {
    return structuredClone({ appointments: this.appointments, courses: this.courses });
  }

  restore(state: unknown) {
    Object.assign(this, state as object);
  }

  async find(clinicId: string, id: string) {
    const a = this.get(clinicId, id);
    if (!a) return null;
    const course = this.course(a.courseId);
    return {
      ...a,
      startsAt: new Date(a.startsAt),
      endsAt: new Date(a.endsAt),
      sessionNumber: a.sessionNumber ?? 1,
      course: {
        id: course.id,
        status: course.status,
        protocol: { name: (course.protocol ?? single).name, definition: course.protocol ?? single },
      },
      session: null,
      chair: { kind: 'CHAIR' },
    } as unknown as AppointmentRecord;
  }

  async boardItem(clinicId: string, id: string) {
    const a = this.get(clinicId, id);
    return a ? this.boardRecord(a) : null;
  }

  async board(_clinicId: string, range: { from: Date; to: Date }) {
    return this.appointments
      .filter((a) => Date.parse(a.startsAt) < range.to.getTime() && Date.parse(a.endsAt) > range.from.getTime())
      .map((a) => this.boardRecord(a));
  }

  async state(clinicId: string, id: string): Promise<AppointmentState | undefined> {
    const a = this.get(clinicId, id);
    return a
      ? {
          version: a.version,
          status: a.status,
          startsAt: new Date(a.startsAt),
          courseStatus: this.course(a.courseId).status,
          checkedIn: false,
        }
      : undefined;
  }

  async move(clinicId: string, id: string, move: Move, now: Date): Promise<MoveWrite> {
    const a = this.get(clinicId, id);
    if (!a || a.version !== move.version || a.status !== 'BOOKED') return { ok: false, reason: 'NO_MATCH' };
    if (Date.parse(a.startsAt) <= now.getTime() || this.course(a.courseId).status !== 'BOOKED')
      return { ok: false, reason: 'NO_MATCH' };
    if (this.clashOnMove) return { ok: false, reason: 'SLOT_TAKEN' };
    Object.assign(a, { chairId: move.chairId, startsAt: move.startsAt, endsAt: move.endsAt, version: a.version + 1 });
    return { ok: true, courseId: a.courseId };
  }

  async courseSessions(clinicId: string, courseId: string): Promise<CourseSessions | undefined> {
    const course = clinicId === CLINIC_ID ? this.courses.find((c) => c.id === courseId) : undefined;
    if (!course) return undefined;
    return {
      id: course.id,
      patientId: PATIENT_ID,
      status: course.status,
      protocolDefinition: course.protocol ?? single,
      appointments: this.appointments
        .filter((a) => a.courseId === courseId)
        .map((a) => ({
          id: a.id,
          sessionNumber: a.sessionNumber ?? 1,
          chairId: a.chairId,
          chairName: null,
          startsAt: new Date(a.startsAt),
          endsAt: new Date(a.endsAt),
          status: a.status,
          version: a.version,
          checkedIn: false,
        })),
    };
  }

  async courseScreenings(courseId: string) {
    return [...this.course(courseId).eligibilityScreeningIds];
  }

  async setCourseScreenings(courseId: string, ids: string[]) {
    this.course(courseId).eligibilityScreeningIds = ids;
  }

  async setStatus(clinicId: string, id: string, version: number, change: StatusChange, now: Date) {
    const a = this.get(clinicId, id);
    if (!a || a.version !== version || a.status !== 'BOOKED') return false;
    const started = Date.parse(a.startsAt) <= now.getTime();
    if (change.status === 'NO_SHOW' ? !started : started || this.course(a.courseId).status !== 'BOOKED') return false;
    Object.assign(a, change, { version: a.version + 1 });
    return true;
  }

  private get(clinicId: string, id: string) {
    return clinicId === CLINIC_ID ? this.appointments.find((a) => a.id === id) : undefined;
  }

  private course(id: string) {
    return this.courses.find((c) => c.id === id)!;
  }

  private boardRecord(a: StoredAppointment): BoardRecord {
    return {
      ...a,
      sessionNumber: 1,
      kind: 'INITIAL',
      startsAt: new Date(a.startsAt),
      endsAt: new Date(a.endsAt),
      chair: { name: a.chairId === CHAIR_1 ? 'Chair 1' : 'Chair 2' },
      course: {
        sessionCount: 1,
        protocol: { name: single.name },
        patient: { givenName: 'Ada', familyName: 'Lovelace', mrn: 'MRN-1' },
      },
    } as unknown as BoardRecord;
  }
}

const monday = futureMonday();
const original = session(CHAIR_1, monday, 0, '09:00', single.minutesPerSession);
const target = session(CHAIR_2, monday, 0, '13:00', single.minutesPerSession);

function setup() {
  // Course completion is the sessions module's; here only that a closing asks for it.
  const completion = {
    closed: [] as string[],
    afterAppointmentClosed: async (_a: unknown, _m: unknown, course: { id: string }) => {
      completion.closed.push(course.id);
      return false;
    },
  };
  const store = new FakeAppointments();
  store.courses.push({ id: 'course-1', status: 'BOOKED', eligibilityScreeningIds: ['screening-old'] });
  store.appointments.push({
    id: 'appt-1',
    courseId: 'course-1',
    patientId: PATIENT_ID,
    status: 'BOOKED',
    version: 1,
    ...original,
  });
  const kit = bookingKit(store);
  // The appointment holds its own chair in the clinic's capacity, as the database would show it.
  kit.capacity.existing = [
    { id: 'appt-1', resourceId: CHAIR_1, patientId: PATIENT_ID, start: original.startsAt, end: original.endsAt },
  ];
  const service = new AppointmentsService(
    store as unknown as AppointmentsRepository,
    kit.planning,
    kit.booking,
    kit.audit.repository,
    completion as unknown as CourseCompletion,
    kit.transactions.host,
    noBookingsToMove,
  );
  return { ...kit, store, service, completion };
}

describe('AppointmentsService.reschedule', () => {
  it('moves a session the same day under the booking locks, and records the screenings it now relies on', async () => {
    const t = setup();
    const moved = await t.service.reschedule(scheduler, meta, 'appt-1', { version: 1, ...target });
    expect(moved).toMatchObject({ chairId: CHAIR_2, startsAt: target.startsAt, version: 2 });
    expect(t.locks.taken).toEqual([`booking:${CLINIC_ID}`, `eligibility:${PATIENT_ID}`]);
    expect(t.store.courses[0].eligibilityScreeningIds).toEqual(['screening-old', ...t.eligibility.screeningIds]);
    expect(t.audit.summary()).toEqual(['READ Eligibility', 'RESCHEDULE Appointment appt-1']);
  });

  it('answers STALE_VERSION before taking any lock when the version read is old', async () => {
    const t = setup();
    const error = await refusal(t.service.reschedule(scheduler, meta, 'appt-1', { version: 3, ...target }));
    expect(error).toMatchObject({ code: 'STALE_VERSION', extensions: { currentVersion: 1 } });
    expect(t.locks.taken).toEqual([]);
  });

  it('answers STALE_VERSION when another change wins while waiting for the lock, keeping the gate’s audit row', async () => {
    const t = setup();
    const gate = t.eligibility.gate.bind(t.eligibility);
    t.eligibility.gate = async (...args) => {
      t.store.appointments[0].version = 2; // committed by someone else just before the lock was granted
      return gate(...args);
    };
    const error = await refusal(t.service.reschedule(scheduler, meta, 'appt-1', { version: 1, ...target }));
    expect(error).toMatchObject({ code: 'STALE_VERSION', extensions: { currentVersion: 2 } });
    expect(t.store.appointments[0].chairId).toBe(CHAIR_1);
    expect(t.audit.summary()).toEqual(['READ Eligibility']);
  });

  it('moves the one session of a single infusion to another day', async () => {
    const t = setup();
    const tuesday = session(CHAIR_2, monday, 1, '09:00', single.minutesPerSession);
    const moved = await t.service.reschedule(scheduler, meta, 'appt-1', { version: 1, ...tuesday });
    expect(moved).toMatchObject({ startsAt: tuesday.startsAt, version: 2 });
  });

  it('refuses to move a session of a consecutive-days course off its day, before any lock', async () => {
    const t = setup();
    t.store.courses[0].protocol = fiveDay;
    const second = session(CHAIR_1, monday, 1, '09:00', fiveDay.minutesPerSession);
    t.store.appointments.push({
      id: 'appt-2',
      courseId: 'course-1',
      patientId: PATIENT_ID,
      status: 'BOOKED',
      version: 1,
      sessionNumber: 2,
      ...second,
    });
    const thursday = session(CHAIR_1, monday, 3, '09:00', fiveDay.minutesPerSession);
    const error = await refusal(t.service.reschedule(scheduler, meta, 'appt-2', { version: 1, ...thursday }));
    expect(error).toMatchObject({
      code: 'PLAN_INFEASIBLE',
      extensions: { reasons: [expect.objectContaining({ code: 'MOVE_BREAKS_CONSECUTIVE_DAYS' })] },
    });
    expect(t.locks.taken).toEqual([]);
    expect(t.store.appointments[1].version).toBe(1);
  });

  it('refuses NOT_ELIGIBLE and leaves the appointment where it was', async () => {
    const t = setup();
    t.eligibility.refuse = true;
    expect((await refusal(t.service.reschedule(scheduler, meta, 'appt-1', { version: 1, ...target }))).code).toBe(
      'NOT_ELIGIBLE',
    );
    expect(t.store.appointments[0]).toMatchObject({ chairId: CHAIR_1, version: 1 });
  });

  it('refuses a target another patient took since the options were offered', async () => {
    const t = setup();
    t.capacity.existing.push({
      id: 'other',
      resourceId: CHAIR_2,
      patientId: OTHER_PATIENT_ID,
      start: target.startsAt,
      end: target.endsAt,
    });
    const error = await refusal(t.service.reschedule(scheduler, meta, 'appt-1', { version: 1, ...target }));
    expect(error.code).toBe('PLAN_INFEASIBLE');
    expect(t.store.appointments[0].version).toBe(1);
  });

  it('answers SLOT_TAKEN when a constraint refuses the move, and rolls everything back', async () => {
    const t = setup();
    t.store.clashOnMove = true;
    expect((await refusal(t.service.reschedule(scheduler, meta, 'appt-1', { version: 1, ...target }))).code).toBe(
      'SLOT_TAKEN',
    );
    expect(t.audit.entries).toEqual([]);
  });
});

describe('AppointmentsService status changes', () => {
  it('cancels a session that has not started, with its audit row', async () => {
    const t = setup();
    const cancelled = await t.service.cancel(scheduler, meta, 'appt-1', { version: 1, reason: 'Unwell' });
    expect(cancelled).toMatchObject({ status: 'CANCELLED', version: 2 });
    expect(t.audit.summary()).toEqual(['CANCEL Appointment appt-1']);
    expect(t.completion.closed).toEqual(['course-1']);
  });

  it('refuses to cancel a session that has started, naming why', async () => {
    const t = setup();
    Object.assign(t.store.appointments[0], {
      startsAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      endsAt: new Date(Date.now() + 35 * 60_000).toISOString(),
    });
    const error = await refusal(t.service.cancel(scheduler, meta, 'appt-1', { version: 1, reason: 'x' }));
    expect(error).toMatchObject({ code: 'INVALID_TRANSITION', extensions: { reason: expect.any(String) } });
    expect(t.audit.entries).toEqual([]);
    expect(t.completion.closed).toEqual([]);
  });

  it('records a no-show only once the session has started', async () => {
    const t = setup();
    expect((await refusal(t.service.noShow(scheduler, meta, 'appt-1', { version: 1 }))).code).toBe(
      'INVALID_TRANSITION',
    );
    t.store.appointments[0].startsAt = new Date(Date.now() - 60_000).toISOString();
    expect(await t.service.noShow(scheduler, meta, 'appt-1', { version: 1 })).toMatchObject({ status: 'NO_SHOW' });
    const twice = await refusal(t.service.noShow(scheduler, meta, 'appt-1', { version: 2 }));
    expect(twice.code).toBe('INVALID_TRANSITION');
    expect(t.audit.summary()).toEqual(['NO_SHOW Appointment appt-1']);
  });

  it('answers 404 for an appointment of another clinic', async () => {
    const t = setup();
    const other = { ...scheduler, clinicId: '00000000-0000-4000-8000-00000000c002' };
    expect((await refusal(t.service.cancel(other, meta, 'appt-1', { version: 1, reason: 'x' }))).code).toBe(
      'NOT_FOUND',
    );
  });
});

describe('AppointmentsService.board', () => {
  it('shows at most 31 days', async () => {
    const t = setup();
    const from = `${monday}T00:00:00Z`;
    const tooLong = new Date(Date.parse(from) + 31 * 86_400_000 + 1).toISOString();
    const error = await refusal(t.service.board(scheduler, meta, { from, to: tooLong }));
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'to', rule: 'range' }] });
    const backwards = await refusal(t.service.board(scheduler, meta, { from, to: from }));
    expect(backwards.code).toBe('VALIDATION_FAILED');
  });

  it('writes one SEARCH row per patient shown', async () => {
    const t = setup();
    t.store.appointments.push({ ...t.store.appointments[0], id: 'appt-2', ...target });
    const board = await t.service.board(scheduler, meta, {
      from: `${monday}T00:00:00Z`,
      to: new Date(Date.parse(`${monday}T00:00:00Z`) + 86_400_000).toISOString(),
    });
    expect(board.items.map((i) => i.id)).toEqual(['appt-1', 'appt-2']);
    expect(t.audit.entries.map((e) => [e.action, e.patientId])).toEqual([['SEARCH', PATIENT_ID]]);
  });
});
