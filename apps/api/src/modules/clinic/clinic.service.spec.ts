import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { DomainError } from '../../common/errors/domain-error';
import type { Transactions } from '../../common/prisma/transactions';
import type { AuditEntry } from '../audit/audit-entry';
import type { AuditRepository } from '../audit/audit.repository';
import type {
  BookingRecord,
  CapacityRecord,
  ChairRecord,
  ClinicRepository,
  ClinicSettings,
  NewNurseShift,
  PatientBookingRecord,
  Window,
} from './clinic.repository';
import { BookingsToMove } from './bookings-to-move';
import { ClinicService } from './clinic.service';

const CLINIC = '00000000-0000-4000-8000-000000000001';
const actor = { id: 'admin-1', clinicId: CLINIC } as Actor;
const meta: RequestMeta = { requestId: 'req-1', ip: '127.0.0.1' } as RequestMeta;
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

interface Appointment {
  id: string;
  patientId: string;
  patient: { givenName: string; familyName: string; mrn: string };
  chairId: string | null;
  startsAt: Date;
  endsAt: Date;
  sessionNumber: number;
  sessionCount: number;
  status: 'BOOKED' | 'CANCELLED';
}

interface State {
  settings: ClinicSettings;
  version: number;
  hours: Window[];
  closures: { id: string; startsOn: Date; endsOn: Date; reason: string }[];
  shifts: { id: string; weekday: number | null; date: Date | null; startsAt: string; endsAt: string; nurses: number }[];
  chairs: ChairRecord[];
  appointments: Appointment[];
  audit: AuditEntry[];
}

/** The clinic's rows in memory, behind the repository's methods; a failed use case restores them. */
class FakeClinic {
  state: State;
  private ids = 0;

  constructor() {
    this.state = {
      settings: {
        name: 'Test clinic',
        address: null,
        timezone: 'Europe/London',
        maxInfusionsPerNurse: 2,
        bpReviewSystolic: 140,
        bpReviewDiastolic: 90,
        bpBlockSystolic: 180,
        bpBlockDiastolic: 110,
        screeningValidityDays: 30,
        dateFormat: 'D MMM YYYY',
        boosterDueWithinDays: 14,
        boosterNoticeDays: 14,
      },
      version: 1,
      hours: [],
      closures: [],
      // Two nurses on every weekday, all day.
      shifts: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        id: `rota-${weekday}`,
        weekday,
        date: null,
        startsAt: '00:00',
        endsAt: '24:00',
        nurses: 2,
      })),
      chairs: [],
      appointments: [],
      audit: [],
    };
  }

  nextId(prefix: string) {
    return `${prefix}-${++this.ids}`;
  }

  chair(name: string, kind: ChairRecord['kind'] = 'CHAIR') {
    const chair = { id: this.nextId('chair'), name, kind, active: true };
    this.state.chairs.push(chair);
    return chair;
  }

  book(chairId: string | null, startsAt: string, endsAt: string, patient = 'Ada Lovelace', sessionNumber = 1) {
    const [givenName, familyName] = patient.split(' ');
    const appointment: Appointment = {
      id: this.nextId('appt'),
      patientId: `patient-${patient}`,
      patient: { givenName, familyName, mrn: `MRN-${familyName}` },
      chairId,
      startsAt: new Date(startsAt),
      endsAt: new Date(endsAt),
      sessionNumber,
      sessionCount: sessionNumber,
      status: 'BOOKED',
    };
    this.state.appointments.push(appointment);
    return appointment;
  }

  readonly transactions = {
    withTransaction: async <T>(fn: () => Promise<T>): Promise<T> => {
      const before = structuredClone(this.state);
      try {
        return await fn();
      } catch (error) {
        this.state = before;
        throw error;
      }
    },
  } as unknown as Transactions;

  readonly audit = {
    record: async (entry: AuditEntry) => void this.state.audit.push(entry),
  } as unknown as AuditRepository;

  private booking(a: Appointment): PatientBookingRecord {
    const chair = this.state.chairs.find((c) => c.id === a.chairId);
    return {
      id: a.id,
      version: 1,
      patientId: a.patientId,
      patient: a.patient,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      sessionNumber: a.sessionNumber,
      chair: chair ? { name: chair.name, kind: chair.kind, active: chair.active } : null,
      course: { sessionCount: a.sessionCount },
    };
  }

  private booked(where: (a: Appointment) => boolean) {
    return this.state.appointments
      .filter((a) => a.status === 'BOOKED' && where(a))
      .sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime())
      .map((a) => this.booking(a));
  }

  readonly repository = {
    read: async (clinicId: string) =>
      clinicId === CLINIC
        ? {
            id: CLINIC,
            version: this.state.version,
            ...this.state.settings,
            hours: this.state.hours,
            closures: this.state.closures,
            nurseShifts: this.state.shifts,
            chairs: this.state.chairs,
          }
        : null,
    settings: async (clinicId: string) =>
      clinicId === CLINIC ? { ...this.state.settings, version: this.state.version } : null,
    capacity: async (clinicId: string): Promise<CapacityRecord | null> =>
      clinicId === CLINIC
        ? {
            timezone: this.state.settings.timezone,
            maxInfusionsPerNurse: this.state.settings.maxInfusionsPerNurse,
            nurseShifts: this.state.shifts,
            closures: this.state.closures,
          }
        : null,
    lockCapacity: async () => undefined,
    updateSettings: async (_clinicId: string, version: number, changes: Partial<ClinicSettings>) => {
      if (version !== this.state.version) return false;
      this.state.settings = { ...this.state.settings, ...changes };
      this.state.version++;
      return true;
    },
    replaceOpeningHours: async (_clinicId: string, windows: Window[]) => {
      this.state.hours = windows;
    },
    addClosure: async (_clinicId: string, c: { startsOn: string; endsOn: string; reason: string }) => {
      const closure = {
        id: this.nextId('closure'),
        startsOn: day(c.startsOn),
        endsOn: day(c.endsOn),
        reason: c.reason,
      };
      this.state.closures.push(closure);
      return closure;
    },
    deleteClosure: async (_clinicId: string, id: string) => {
      const before = this.state.closures.length;
      this.state.closures = this.state.closures.filter((c) => c.id !== id);
      return this.state.closures.length < before;
    },
    addNurseShift: async (_clinicId: string, s: NewNurseShift) => {
      const shift = { ...s, id: this.nextId('shift'), date: s.date ? day(s.date) : null };
      this.state.shifts.push(shift);
      return shift;
    },
    deleteNurseShift: async (_clinicId: string, id: string) => {
      const before = this.state.shifts.length;
      this.state.shifts = this.state.shifts.filter((s) => s.id !== id);
      return this.state.shifts.length < before;
    },
    addChair: async (_clinicId: string, c: { name: string; kind: ChairRecord['kind'] }) => {
      if (this.state.chairs.some((x) => x.name === c.name)) return undefined;
      return this.chair(c.name, c.kind);
    },
    updateChair: async (_clinicId: string, id: string, changes: { name?: string; active?: boolean }) => {
      const chair = this.state.chairs.find((c) => c.id === id);
      if (!chair) return 'NOT_FOUND' as const;
      if (changes.name !== undefined && this.state.chairs.some((c) => c.id !== id && c.name === changes.name))
        return 'NAME_TAKEN' as const;
      Object.assign(chair, changes);
      return { ...chair };
    },
    bookedOverlapping: async (_clinicId: string, span: { start: Date; end: Date }): Promise<BookingRecord[]> =>
      this.booked((a) => a.chairId !== null && a.startsAt < span.end && a.endsAt > span.start),
    bookedOnChair: async (_clinicId: string, chairId: string, after: Date): Promise<BookingRecord[]> =>
      this.booked((a) => a.chairId === chairId && a.startsAt > after),
    bookedFrom: async (_clinicId: string, now: Date): Promise<BookingRecord[]> => this.booked((a) => a.endsAt > now),
    bookedFromWithPatients: async (_clinicId: string, now: Date) => this.booked((a) => a.endsAt > now),
    bookedDuring: async (_clinicId: string, range: { from: Date; to: Date }, now: Date): Promise<BookingRecord[]> =>
      this.booked((a) => a.startsAt < range.to && a.endsAt > range.from && a.endsAt > now),
  };

  service() {
    const clinics = this.repository as unknown as ClinicRepository;
    return new ClinicService(clinics, this.audit, new BookingsToMove(clinics), this.transactions);
  }
}

/** The error a call throws, for asserting its code and field errors. */
async function refusal(call: Promise<unknown>): Promise<DomainError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}
const rules = (e: DomainError) => e.errors.map((x) => `${x.field}:${x.rule}`);

describe('ClinicService settings', () => {
  it('accepts a review limit one below its block limit and audits the fields it changed', async () => {
    const clinic = new FakeClinic();
    const result = await clinic.service().updateSettings(actor, meta, { bpReviewSystolic: 179, name: 'Test clinic' });
    expect(result.bpReviewSystolic).toBe(179);
    expect(result.overNurseRatio).toEqual([]);
    expect(clinic.state.audit).toEqual([expect.objectContaining({ entity: 'Clinic', fields: ['bpReviewSystolic'] })]);
  });

  it('refuses a review limit equal to the block limit and writes nothing', async () => {
    const clinic = new FakeClinic();
    const error = await refusal(clinic.service().updateSettings(actor, meta, { bpReviewDiastolic: 110 }));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(rules(error)).toEqual(['bpReviewDiastolic:belowBlock']);
    expect(clinic.state.settings.bpReviewDiastolic).toBe(90);
    expect(clinic.state.audit).toEqual([]);
  });

  it('takes an edit made on the current version and bumps it; refuses one made on the version before', async () => {
    const clinic = new FakeClinic();
    const saved = await clinic.service().updateSettings(actor, meta, { version: 1, screeningValidityDays: 14 });
    expect(saved).toMatchObject({ version: 2, screeningValidityDays: 14 });
    const error = await refusal(clinic.service().updateSettings(actor, meta, { version: 1, screeningValidityDays: 7 }));
    expect(error.code).toBe('STALE_VERSION');
    expect(error.extensions).toEqual({ currentVersion: 2 });
    expect(rules(error)).toEqual(['version:current']);
    expect(clinic.state.settings.screeningValidityDays).toBe(14);
    expect(clinic.state.audit).toHaveLength(1);
  });

  it('keeps the address on one line, as reminders and calendar files print it, and clears it with null', async () => {
    const clinic = new FakeClinic();
    const saved = await clinic
      .service()
      .updateSettings(actor, meta, { address: ' 12 Harbour Street,\r\n\n  Leith, Edinburgh EH6 6AA \n' });
    expect(saved.address).toBe('12 Harbour Street, Leith, Edinburgh EH6 6AA');
    const same = await refusal(
      clinic.service().updateSettings(actor, meta, { address: '12 Harbour Street\nLeith, Edinburgh EH6 6AA' }),
    );
    expect(rules(same)).toEqual(['body:atLeastOneChange']);
    const cleared = await clinic.service().updateSettings(actor, meta, { address: null });
    expect(cleared.address).toBeNull();
    expect(clinic.state.audit.map((a) => a.fields)).toEqual([['address'], ['address']]);
  });

  it('refuses an update that repeats the current values', async () => {
    const clinic = new FakeClinic();
    const error = await refusal(clinic.service().updateSettings(actor, meta, { maxInfusionsPerNurse: 2 }));
    expect(rules(error)).toEqual(['body:atLeastOneChange']);
  });

  it('lists the bookings a lower nurse ratio leaves over it, without patient data', async () => {
    const clinic = new FakeClinic();
    const chairs = [clinic.chair('C1'), clinic.chair('C2'), clinic.chair('C3')];
    const booked = chairs.map((c) => clinic.book(c.id, '2030-06-03T09:00:00Z', '2030-06-03T10:00:00Z'));
    const result = await clinic.service().updateSettings(actor, meta, { maxInfusionsPerNurse: 1 });
    expect(result.overNurseRatio.map((a) => a.id)).toEqual(booked.map((b) => b.id));
    expect(Object.keys(result.overNurseRatio[0]).sort()).toEqual(
      ['chairName', 'endsAt', 'id', 'sessionCount', 'sessionNumber', 'startsAt'].sort(),
    );
  });
});

describe('ClinicService opening hours', () => {
  it('keeps both windows of a day split around lunch', async () => {
    const clinic = new FakeClinic();
    const windows = [
      { weekday: 1, opensAt: '09:00', closesAt: '12:00' },
      { weekday: 1, opensAt: '13:00', closesAt: '17:00' },
    ];
    const result = await clinic.service().replaceOpeningHours(actor, meta, { windows });
    expect(result.openingHours).toEqual(windows);
  });

  it('refuses windows of one weekday that overlap, naming the later one, and keeps the old hours', async () => {
    const clinic = new FakeClinic();
    clinic.state.hours = [{ weekday: 2, opensAt: '08:00', closesAt: '18:00' }];
    const error = await refusal(
      clinic.service().replaceOpeningHours(actor, meta, {
        windows: [
          { weekday: 1, opensAt: '09:00', closesAt: '12:01' },
          { weekday: 1, opensAt: '12:00', closesAt: '17:00' },
        ],
      }),
    );
    expect(rules(error)).toEqual(['windows[1]:noOverlap']);
    expect(clinic.state.hours).toEqual([{ weekday: 2, opensAt: '08:00', closesAt: '18:00' }]);
    expect(clinic.state.audit).toEqual([]);
  });
});

describe('ClinicService closures', () => {
  it('takes a closure of exactly 366 days and refuses 367', async () => {
    const clinic = new FakeClinic();
    await clinic.service().addClosure(actor, meta, { startsOn: '2031-01-01', endsOn: '2032-01-01', reason: 'Rebuild' });
    const error = await refusal(
      clinic.service().addClosure(actor, meta, { startsOn: '2031-01-01', endsOn: '2032-01-02', reason: 'Rebuild' }),
    );
    expect(rules(error)).toEqual(['endsOn:maxSpan']);
    expect(clinic.state.closures).toHaveLength(1);
  });

  it('lists the chair sessions a closure strands, not a ward bed, and audits the closure only', async () => {
    const clinic = new FakeClinic();
    const chair = clinic.chair('Chair 1');
    const bed = clinic.chair('Bed 1', 'BED');
    const stranded = clinic.book(chair.id, '2030-12-24T23:00:00Z', '2030-12-25T01:00:00Z');
    clinic.book(chair.id, '2030-12-24T20:00:00Z', '2030-12-25T00:00:00Z', 'Grace Hopper');
    clinic.book(bed.id, '2030-12-24T09:00:00Z', '2030-12-26T09:00:00Z', 'Mary Seacole');
    const result = await clinic
      .service()
      .addClosure(actor, meta, { startsOn: '2030-12-25', endsOn: '2030-12-25', reason: 'Christmas' });
    expect(result.affectedAppointments).toEqual([
      {
        id: stranded.id,
        chairName: 'Chair 1',
        startsAt: '2030-12-24T23:00:00.000Z',
        endsAt: '2030-12-25T01:00:00.000Z',
        sessionNumber: 1,
        sessionCount: 1,
      },
    ]);
    expect(clinic.state.audit.map((a) => [a.action, a.entity, a.patientId])).toEqual([['CREATE', 'Closure', null]]);
  });

  it('answers NOT_FOUND for a closure that is not there, with no audit row', async () => {
    const clinic = new FakeClinic();
    const error = await refusal(clinic.service().deleteClosure(actor, meta, 'closure-404'));
    expect(error.code).toBe('NOT_FOUND');
    expect(clinic.state.audit).toEqual([]);
  });
});

describe('ClinicService nurse shifts', () => {
  // Rota of two nurses at two infusions each: four at once fit, on 3 June 2030 four are booked.
  function busyDay() {
    const clinic = new FakeClinic();
    const chairs = ['C1', 'C2', 'C3', 'C4'].map((name) => clinic.chair(name));
    const times = [
      ['09:00', '10:30'],
      ['10:00', '11:30'],
    ];
    const booked = chairs.map((c, i) => {
      const [from, to] = times[i % 2];
      return clinic.book(c.id, `2030-06-03T${from}:00Z`, `2030-06-03T${to}:00Z`, `Patient P${i}`);
    });
    // The answer is in start order.
    return { clinic, booked: [booked[0], booked[2], booked[1], booked[3]] };
  }

  it('lists every booking a dated shift of one nurse leaves over the ratio (the rota of two no longer counts)', async () => {
    const { clinic, booked } = busyDay();
    const result = await clinic
      .service()
      .addNurseShift(actor, meta, { date: '2030-06-03', startsAt: '08:00', endsAt: '18:00', nurses: 1 });
    expect(result).toMatchObject({ date: '2030-06-03', weekday: null, nurses: 1 });
    expect(result.overNurseRatio.map((a) => a.id)).toEqual(booked.map((b) => b.id));
  });

  it('takes a dated shift of no nurse and lists every booking of that day', async () => {
    const { clinic, booked } = busyDay();
    const result = await clinic
      .service()
      .addNurseShift(actor, meta, { date: '2030-06-03', startsAt: '08:00', endsAt: '18:00', nurses: 0 });
    expect(result.overNurseRatio.map((a) => a.id)).toEqual(booked.map((b) => b.id));
  });

  it('refuses a weekly rota row of no nurse', async () => {
    const { clinic } = busyDay();
    const error = await refusal(
      clinic.service().addNurseShift(actor, meta, { weekday: 2, startsAt: '08:00', endsAt: '18:00', nurses: 0 }),
    );
    expect(rules(error)).toEqual(['nurses:nurseCount']);
  });

  it('lists nothing for a dated shift of two: the same as the rota', async () => {
    const { clinic } = busyDay();
    const result = await clinic
      .service()
      .addNurseShift(actor, meta, { date: '2030-06-03', startsAt: '08:00', endsAt: '18:00', nurses: 2 });
    expect(result.overNurseRatio).toEqual([]);
  });

  it('refuses a shift with both weekday and date, or ending when it starts, and stores nothing', async () => {
    const { clinic } = busyDay();
    const error = await refusal(
      clinic
        .service()
        .addNurseShift(actor, meta, { weekday: 1, date: '2030-06-03', startsAt: '08:00', endsAt: '08:00', nurses: 1 }),
    );
    expect(rules(error)).toEqual(['weekday:weekdayOrDate', 'endsAt:afterStart']);
    expect(clinic.state.shifts).toHaveLength(7);
  });

  it("lists the day's bookings when its rota row is removed, and audits the removal", async () => {
    const { clinic, booked } = busyDay();
    // 3 June 2030 is a Monday.
    const result = await clinic.service().deleteNurseShift(actor, meta, 'rota-1');
    expect(result.overNurseRatio.map((a) => a.id)).toEqual(booked.map((b) => b.id));
    expect(clinic.state.audit).toEqual([
      expect.objectContaining({ action: 'DELETE', entity: 'NurseShift', entityId: 'rota-1' }),
    ]);
  });

  it('answers NOT_FOUND for a shift that is not there', async () => {
    const { clinic } = busyDay();
    expect((await refusal(clinic.service().deleteNurseShift(actor, meta, 'shift-404'))).code).toBe('NOT_FOUND');
    expect(clinic.state.audit).toEqual([]);
  });
});

describe('ClinicService chairs', () => {
  it('refuses a second chair of the same name without an audit row', async () => {
    const clinic = new FakeClinic();
    await clinic.service().addChair(actor, meta, { name: 'Chair 1', kind: 'CHAIR' });
    const error = await refusal(clinic.service().addChair(actor, meta, { name: ' Chair 1 ', kind: 'BED' }));
    expect(error.code).toBe('NAME_TAKEN');
    expect(clinic.state.chairs).toHaveLength(1);
    expect(clinic.state.audit).toHaveLength(1);
  });

  it('lists the sessions still to come on a chair taken out of service, not those past or elsewhere', async () => {
    const clinic = new FakeClinic();
    const chair = clinic.chair('Retiring');
    const other = clinic.chair('Staying');
    clinic.book(chair.id, '2020-01-01T09:00:00Z', '2020-01-01T10:00:00Z');
    clinic.book(other.id, '2030-01-01T09:00:00Z', '2030-01-01T10:00:00Z');
    const coming = clinic.book(chair.id, '2030-01-02T09:00:00Z', '2030-01-02T10:00:00Z');
    const result = await clinic.service().updateChair(actor, meta, chair.id, { active: false });
    expect(result).toMatchObject({ id: chair.id, active: false });
    expect(result.affectedAppointments.map((a) => a.id)).toEqual([coming.id]);
  });

  it('refuses an update with nothing in it, and a chair of another clinic', async () => {
    const clinic = new FakeClinic();
    expect(rules(await refusal(clinic.service().updateChair(actor, meta, 'x', {})))).toEqual(['body:atLeastOneChange']);
    expect((await refusal(clinic.service().updateChair(actor, meta, 'chair-404', { active: false }))).code).toBe(
      'NOT_FOUND',
    );
  });
});

describe("ClinicService: the front desk's bookings to move", () => {
  it('names the patients with every reason, and audits one read per patient named', async () => {
    const clinic = new FakeClinic();
    clinic.state.settings.maxInfusionsPerNurse = 1;
    const retired = clinic.chair('Retired');
    retired.active = false;
    const open = clinic.chair('Open');
    const spare = clinic.chair('Spare');
    const first = clinic.book(retired.id, '2030-06-04T09:00:00Z', '2030-06-04T10:00:00Z', 'Ada Lovelace', 1);
    const second = clinic.book(retired.id, '2030-06-05T09:00:00Z', '2030-06-05T10:00:00Z', 'Ada Lovelace', 2);
    // Three at once for two nurses at one infusion each.
    const crowd = [open, spare, retired].map((c, i) =>
      clinic.book(c.id, '2030-06-06T09:00:00Z', '2030-06-06T10:00:00Z', `Crowd C${i}`),
    );
    clinic.book(open.id, '2030-06-07T09:00:00Z', '2030-06-07T10:00:00Z', 'Fine Patient');

    const list = await clinic.service().bookingsToMove({ ...actor, id: 'desk-1' }, meta);
    expect(list.map((b) => [b.id, b.reasons])).toEqual([
      [first.id, ['CHAIR_OUT_OF_SERVICE']],
      [second.id, ['CHAIR_OUT_OF_SERVICE']],
      [crowd[0].id, ['OVER_NURSE_RATIO']],
      [crowd[1].id, ['OVER_NURSE_RATIO']],
      [crowd[2].id, ['CHAIR_OUT_OF_SERVICE', 'OVER_NURSE_RATIO']],
    ]);
    expect(list[0]).toMatchObject({ patientName: 'Ada Lovelace', mrn: 'MRN-Lovelace', patientId: first.patientId });
    expect(clinic.state.audit.map((a) => [a.actorId, a.action, a.entity, a.patientId])).toEqual([
      ['desk-1', 'READ', 'Patient', 'patient-Ada Lovelace'],
      ['desk-1', 'READ', 'Patient', 'patient-Crowd C0'],
      ['desk-1', 'READ', 'Patient', 'patient-Crowd C1'],
      ['desk-1', 'READ', 'Patient', 'patient-Crowd C2'],
    ]);
  });
});
