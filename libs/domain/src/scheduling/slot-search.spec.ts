import { DateTime } from 'luxon';
import { SlotSearchError } from './clinic';
import type { CoursePlan } from './course';
import { isPlanFeasible } from './feasibility';
import { prepareSlotSearch } from './occupancy';
import {
  ALL_WEEK,
  appt,
  bedProtocol,
  catalogueProtocol,
  chairProtocol,
  newClinic,
  request,
} from './scheduling.factory';
import { findCoursePlans } from './slot-search';

const FIVE_DAY = catalogueProtocol('IV_FIVE_DAY_LOW_DOSE');
const WEEKDAY_COURSE = catalogueProtocol('IV_MULTI_DAY_WEEKDAYS');
const SINGLE = catalogueProtocol('IV_SINGLE_INFUSION');

/** Session starts as London wall-clock time, the way the front desk reads them. */
function localStarts(plan: CoursePlan | undefined, zone = 'Europe/London'): string[] {
  return (plan?.sessions ?? []).map((s) => DateTime.fromISO(s.start, { zone }).toFormat('ccc yyyy-MM-dd HH:mm'));
}

describe('opening hours', () => {
  const clinic = newClinic({ opensAt: '09:00', closesAt: '13:00' });

  it('books a session that ends exactly at closing time', () => {
    const plans = findCoursePlans(
      request({ protocol: chairProtocol({ kind: 'CONSECUTIVE_DAYS', sessions: 1 }, 240), clinic }),
    );
    expect(localStarts(plans[0])).toEqual(['Mon 2025-06-02 09:00']);
    expect(plans[0].sessions[0].end).toBe('2025-06-02T12:00:00.000Z'); // 13:00 BST
  });

  it('offers nothing when the session would run one minute past closing', () => {
    expect(
      findCoursePlans(request({ protocol: chairProtocol({ kind: 'CONSECUTIVE_DAYS', sessions: 1 }, 241), clinic })),
    ).toEqual([]);
  });

  it('keeps a session inside one window of a split day', () => {
    const split = newClinic({
      openingHours: [
        { weekday: 1, opensAt: '08:00', closesAt: '10:00' },
        { weekday: 1, opensAt: '13:00', closesAt: '17:00' },
      ],
    });
    const plans = findCoursePlans(
      request({ protocol: chairProtocol({ kind: 'CONSECUTIVE_DAYS', sessions: 1 }, 180), clinic: split, k: 2 }),
    );
    expect(plans.map((p) => localStarts(p)[0])).toEqual(['Mon 2025-06-02 13:00', 'Mon 2025-06-02 13:15']);
  });

  it('treats touching windows as one opening', () => {
    const touching = newClinic({
      openingHours: [
        { weekday: 1, opensAt: '09:00', closesAt: '12:00' },
        { weekday: 1, opensAt: '12:00', closesAt: '17:00' },
      ],
    });
    const plans = findCoursePlans(
      request({ protocol: chairProtocol({ kind: 'CONSECUTIVE_DAYS', sessions: 1 }, 240), clinic: touching, k: 1 }),
    );
    expect(localStarts(plans[0])).toEqual(['Mon 2025-06-02 09:00']);
  });

  it('starts on the grid from opening, never before an earliest instant', () => {
    const plans = findCoursePlans(request({ protocol: SINGLE, earliest: '2025-06-02T09:05:00Z', k: 2 })); // 10:05 BST
    expect(plans.map((p) => localStarts(p)[0])).toEqual(['Mon 2025-06-02 10:15', 'Mon 2025-06-02 10:30']);
  });
});

describe('closures and the calendar pattern', () => {
  it('does not run five consecutive days through a closure', () => {
    const clinic = newClinic({
      days: ALL_WEEK,
      closures: [{ from: '2025-06-04', to: '2025-06-04', reason: 'Training' }],
    });
    const plans = findCoursePlans(request({ protocol: FIVE_DAY, clinic, k: 1 }));
    expect(localStarts(plans[0])).toEqual([
      'Thu 2025-06-05 09:00',
      'Fri 2025-06-06 09:00',
      'Sat 2025-06-07 09:00',
      'Sun 2025-06-08 09:00',
      'Mon 2025-06-09 09:00',
    ]);
  });

  it('needs five open days in a row, so a Monday–Friday clinic starts courses on Mondays', () => {
    const plans = findCoursePlans(request({ protocol: FIVE_DAY, earliest: '2025-06-04', k: 1 }));
    expect(localStarts(plans[0])[0]).toBe('Mon 2025-06-09 09:00');
  });

  it('skips the weekend in a weekday course', () => {
    const plans = findCoursePlans(
      request({
        protocol: WEEKDAY_COURSE,
        sessions: 5,
        clinic: newClinic({ days: ALL_WEEK }),
        earliest: '2025-06-05',
        k: 1,
      }),
    );
    expect(localStarts(plans[0])).toEqual([
      'Thu 2025-06-05 09:00',
      'Fri 2025-06-06 09:00',
      'Mon 2025-06-09 09:00',
      'Tue 2025-06-10 09:00',
      'Wed 2025-06-11 09:00',
    ]);
  });

  it('never starts a weekday course at the weekend even when the clinic opens', () => {
    const plans = findCoursePlans(
      request({
        protocol: WEEKDAY_COURSE,
        sessions: 4,
        clinic: newClinic({ days: ALL_WEEK }),
        earliest: '2025-06-07',
        k: 1,
      }),
    );
    expect(localStarts(plans[0])[0]).toBe('Mon 2025-06-09 09:00');
  });

  it('lets a closed weekday delay a weekday course by a day rather than break it', () => {
    const clinic = newClinic({ closures: [{ from: '2025-06-04', to: '2025-06-04' }] });
    const plans = findCoursePlans(request({ protocol: WEEKDAY_COURSE, sessions: 4, clinic, k: 1 }));
    expect(localStarts(plans[0])).toEqual([
      'Mon 2025-06-02 09:00',
      'Tue 2025-06-03 09:00',
      'Thu 2025-06-05 09:00',
      'Fri 2025-06-06 09:00',
    ]);
    expect(
      isPlanFeasible(plans[0], { protocol: WEEKDAY_COURSE, sessions: 4, clinic, existing: [], patientId: 'patient-1' })
        .feasible,
    ).toBe(true);
  });

  it('books every-n-days courses exactly n days apart', () => {
    const protocol = chairProtocol({ kind: 'EVERY_N_DAYS', n: 7, sessions: 3 }, 60);
    const plans = findCoursePlans(request({ protocol, k: 1 }));
    expect(localStarts(plans[0])).toEqual(['Mon 2025-06-02 09:00', 'Mon 2025-06-09 09:00', 'Mon 2025-06-16 09:00']);
  });

  it('requires the whole course to end inside the horizon', () => {
    expect(findCoursePlans(request({ protocol: FIVE_DAY, horizonDays: 4 }))).toEqual([]);
    expect(findCoursePlans(request({ protocol: FIVE_DAY, horizonDays: 5 }))).toHaveLength(3);
  });
});

describe('daylight saving (Europe/London)', () => {
  const clinic = newClinic({ days: ALL_WEEK });

  it('keeps 09:00 local across the spring change while the UTC instant moves an hour', () => {
    const [plan] = findCoursePlans(request({ protocol: FIVE_DAY, clinic, earliest: '2025-03-28', k: 1 }));
    expect(plan.sessions.map((s) => s.start)).toEqual([
      '2025-03-28T09:00:00.000Z',
      '2025-03-29T09:00:00.000Z',
      '2025-03-30T08:00:00.000Z',
      '2025-03-31T08:00:00.000Z',
      '2025-04-01T08:00:00.000Z',
    ]);
    expect(plan.sameTime).toBe(true);
    expect(plan.sameResource).toBe(true);
  });

  it('keeps 09:00 local across the autumn change', () => {
    const [plan] = findCoursePlans(request({ protocol: FIVE_DAY, clinic, earliest: '2025-10-24', k: 1 }));
    expect(plan.sessions.map((s) => s.start)).toEqual([
      '2025-10-24T08:00:00.000Z',
      '2025-10-25T08:00:00.000Z',
      '2025-10-26T09:00:00.000Z',
      '2025-10-27T09:00:00.000Z',
      '2025-10-28T09:00:00.000Z',
    ]);
    expect(plan.sameTime).toBe(true);
  });

  it('makes a 100-hour infusion exactly 100 real hours across the change', () => {
    const protocol = catalogueProtocol('IV_CONTINUOUS_100H');
    const [plan] = findCoursePlans(request({ protocol, clinic, earliest: '2025-03-29', k: 1 }));
    const { start, end } = plan.sessions[0];
    expect(Date.parse(end) - Date.parse(start)).toBe(100 * 3600_000);
    expect(DateTime.fromISO(start, { zone: 'Europe/London' }).toFormat('yyyy-MM-dd HH:mm')).toBe('2025-03-29 00:00');
    // 100 real hours, but the clocks went forward: 05:00 on the wall, not 04:00.
    expect(DateTime.fromISO(end, { zone: 'Europe/London' }).toFormat('yyyy-MM-dd HH:mm')).toBe('2025-04-02 05:00');
  });

  it('works the same in another zone (America/New_York, March change)', () => {
    const ny = newClinic({ days: ALL_WEEK, timeZone: 'America/New_York' });
    const [plan] = findCoursePlans(
      request({
        protocol: chairProtocol({ kind: 'CONSECUTIVE_DAYS', sessions: 2 }, 60),
        clinic: ny,
        earliest: '2025-03-08',
        k: 1,
      }),
    );
    expect(plan.sessions.map((s) => s.start)).toEqual(['2025-03-08T14:00:00.000Z', '2025-03-09T13:00:00.000Z']);
  });
});

describe('beds for continuous infusions', () => {
  it('puts a continuous infusion in a bed, through the night and regardless of chair hours or closures', () => {
    const clinic = newClinic({ closures: [{ from: '2025-06-01', to: '2025-06-30' }] });
    const plans = findCoursePlans(
      request({ protocol: catalogueProtocol('IV_CONTINUOUS_100H'), clinic, earliest: '2025-06-06', k: 2 }),
    );
    expect(plans.map((p) => p.sessions.map((s) => s.resourceId))).toEqual([['B1'], ['B1']]);
    expect(plans.map((p) => localStarts(p)[0])).toEqual(['Fri 2025-06-06 00:00', 'Fri 2025-06-06 00:15']);
  });

  it('waits for the bed to come free', () => {
    const existing = [appt('B1', 'someone-else', '2025-06-02T00:00:00+01:00', '2025-06-03T10:10:00+01:00')];
    const [plan] = findCoursePlans(request({ protocol: bedProtocol(24), existing, k: 1 }));
    expect(localStarts(plan)).toEqual(['Tue 2025-06-03 10:15']);
  });

  it('never seats a chair protocol in a bed, and offers nothing when a clinic has no bed', () => {
    const existing = [
      appt('C1', 'x', '2025-06-02T08:00:00Z', '2025-06-02T16:00:00Z'),
      appt('C2', 'y', '2025-06-02T08:00:00Z', '2025-06-02T16:00:00Z'),
    ];
    const [plan] = findCoursePlans(request({ protocol: SINGLE, existing, k: 1 }));
    expect(plan.sessions[0].resourceId).not.toBe('B1');
    expect(localStarts(plan)[0]).toBe('Tue 2025-06-03 09:00');
    const noBeds = newClinic({ resources: [{ id: 'C1', kind: 'CHAIR' }] });
    expect(findCoursePlans(request({ protocol: bedProtocol(10), clinic: noBeds }))).toEqual([]);
  });

  it('ignores inactive beds and chairs', () => {
    const clinic = newClinic({
      resources: [
        { id: 'C1', kind: 'CHAIR', active: false },
        { id: 'C2', kind: 'CHAIR' },
      ],
    });
    const plans = findCoursePlans(request({ protocol: SINGLE, clinic }));
    expect(plans.every((p) => p.sessions[0].resourceId === 'C2')).toBe(true);
  });
});

describe('nurse capacity', () => {
  const oneNurse = (from: string, to: string) =>
    newClinic({
      nurseShifts: [{ kind: 'WEEKLY', weekday: 1, startsAt: from, endsAt: to, nurses: 1 }],
      maxInfusionsPerNurse: 1,
    });

  it('waits for the nurse even when a chair is free', () => {
    const existing = [appt('C1', 'other', '2025-06-02T09:00:00+01:00', '2025-06-02T11:00:00+01:00')];
    const [plan] = findCoursePlans(
      request({ protocol: SINGLE, clinic: oneNurse('08:00', '18:00'), existing, horizonDays: 1, k: 1 }),
    );
    expect(localStarts(plan)).toEqual(['Mon 2025-06-02 11:00']);
  });

  it('needs the nurse on duty for the whole session', () => {
    const plans = findCoursePlans(
      request({ protocol: SINGLE, clinic: oneNurse('10:00', '11:00'), horizonDays: 1, k: 5 }),
    );
    expect(plans.map((p) => localStarts(p)[0])).toEqual(['Mon 2025-06-02 10:00', 'Mon 2025-06-02 10:15']);
  });

  it('staffs a day from its dated shift, read in clinic time when it carries no offset', () => {
    const clinic = newClinic({
      nurseShifts: [{ kind: 'DATED', start: '2025-06-03T13:00', end: '2025-06-03T15:00', nurses: 1 }],
      maxInfusionsPerNurse: 1,
    });
    const [plan] = findCoursePlans(request({ protocol: SINGLE, clinic, k: 1 }));
    expect(localStarts(plan)).toEqual(['Tue 2025-06-03 13:00']);
  });

  describe('a dated shift replaces the weekly rota for its day', () => {
    // Rota: two nurses all day, one infusion each; Tuesday 3 June has its own dated shift.
    const withDated = (start: string, end: string, nurses: number) =>
      newClinic({
        nurseShifts: [
          ...ALL_WEEK.map((weekday) => ({
            kind: 'WEEKLY' as const,
            weekday,
            startsAt: '00:00',
            endsAt: '24:00',
            nurses: 2,
          })),
          { kind: 'DATED', start, end, nurses },
        ],
        maxInfusionsPerNurse: 1,
      });
    const tuesday = { earliest: '2025-06-03', horizonDays: 2, k: 1 };

    it("gives one nurse's capacity on a day whose dated shift has one nurse", () => {
      const existing = [appt('C1', 'other', '2025-06-03T09:00:00+01:00', '2025-06-03T11:00:00+01:00')];
      const clinic = withDated('2025-06-03T08:00', '2025-06-03T18:00', 1);
      const [plan] = findCoursePlans(request({ protocol: SINGLE, clinic, existing, ...tuesday }));
      expect(localStarts(plan)).toEqual(['Tue 2025-06-03 11:00']);
    });

    it('has no nurse outside the hours of a partial-day dated shift', () => {
      const clinic = withDated('2025-06-03T13:00', '2025-06-03T15:00', 1);
      const plans = findCoursePlans(request({ protocol: SINGLE, clinic, ...tuesday, k: 20 }));
      const tuesdayStarts = plans.map((p) => localStarts(p)[0]).filter((s) => s.startsWith('Tue'));
      expect(tuesdayStarts[0]).toBe('Tue 2025-06-03 13:00');
      expect(tuesdayStarts.every((s) => s >= 'Tue 2025-06-03 13:00' && s <= 'Tue 2025-06-03 14:20')).toBe(true);
    });

    it('books nothing on a day whose dated shift has zero nurses', () => {
      const clinic = withDated('2025-06-03T00:00', '2025-06-04T00:00', 0);
      const [plan] = findCoursePlans(request({ protocol: SINGLE, clinic, ...tuesday }));
      expect(localStarts(plan)).toEqual(['Wed 2025-06-04 09:00']);
    });
  });

  it('counts infusions in chairs but not ward beds against the ratio', () => {
    const existing = [appt('B1', 'inpatient', '2025-06-01T00:00:00Z', '2025-06-05T00:00:00Z')];
    const [plan] = findCoursePlans(request({ protocol: SINGLE, clinic: oneNurse('08:00', '18:00'), existing, k: 1 }));
    expect(localStarts(plan)).toEqual(['Mon 2025-06-02 09:00']);
  });

  it('books nothing when no nurse is ever on duty', () => {
    expect(findCoursePlans(request({ protocol: SINGLE, clinic: newClinic({ nurseShifts: [] }) }))).toEqual([]);
  });
});

describe("the patient's own bookings", () => {
  it('never books a second appointment of the patient on a local day that has one, in any chair or bed', () => {
    const existing = [appt('B1', 'patient-1', '2025-06-02T09:00:00+01:00', '2025-06-02T10:10:00+01:00')];
    const [plan] = findCoursePlans(request({ protocol: SINGLE, existing, k: 1 }));
    expect(localStarts(plan)).toEqual(['Tue 2025-06-03 09:00']);
  });

  it('skips every start whose course would put a session on a day the patient is already booked', () => {
    // Wednesday is taken, so no five-day run that includes it is offered.
    const existing = [appt('C2', 'patient-1', '2025-06-04T16:00:00+01:00', '2025-06-04T16:40:00+01:00')];
    const plans = findCoursePlans(
      request({ protocol: FIVE_DAY, clinic: newClinic({ days: ALL_WEEK }), existing, k: 1 }),
    );
    expect(localStarts(plans[0])[0]).toBe('Thu 2025-06-05 09:00');
  });

  it('reads the day in the clinic zone: a booking ending at local midnight leaves the next day free', () => {
    // Sunday 30 March 2025, the clocks go forward in London; the booking ends at Monday 00:00 BST.
    const existing = [appt('B1', 'patient-1', '2025-03-30T20:00:00+01:00', '2025-03-31T00:00:00+01:00')];
    const [plan] = findCoursePlans(request({ protocol: SINGLE, existing, earliest: '2025-03-31', k: 1 }));
    expect(localStarts(plan)).toEqual(['Mon 2025-03-31 09:00']);
    const late = [appt('B1', 'patient-1', '2025-03-30T20:00:00+01:00', '2025-03-31T00:01:00+01:00')];
    expect(
      localStarts(findCoursePlans(request({ protocol: SINGLE, existing: late, earliest: '2025-03-31', k: 1 }))[0]),
    ).toEqual(['Tue 2025-04-01 09:00']);
  });

  it("keeps a continuous infusion off every local day it touches that holds another of the patient's bookings", () => {
    // A chair session on Wednesday afternoon: a 30-hour bed infusion may not start on Tuesday or
    // Wednesday, nor run into Wednesday.
    const existing = [appt('C1', 'patient-1', '2025-06-04T14:00:00+01:00', '2025-06-04T15:00:00+01:00')];
    const [plan] = findCoursePlans(request({ protocol: bedProtocol(30), existing, k: 1 }));
    expect(localStarts(plan)).toEqual(['Mon 2025-06-02 00:00']);
    const monday = [appt('C1', 'patient-1', '2025-06-02T14:00:00+01:00', '2025-06-02T15:00:00+01:00')];
    const [next] = findCoursePlans(request({ protocol: bedProtocol(30), existing: [...existing, ...monday], k: 1 }));
    expect(localStarts(next)).toEqual(['Thu 2025-06-05 00:00']);
  });

  it("is not held up by other patients' bookings in another chair", () => {
    const existing = [appt('C1', 'patient-2', '2025-06-02T09:00:00+01:00', '2025-06-02T17:00:00+01:00')];
    const [plan] = findCoursePlans(request({ protocol: SINGLE, existing, k: 1 }));
    expect(plan.sessions[0]).toMatchObject({ resourceId: 'C2', start: '2025-06-02T08:00:00.000Z' });
  });
});

describe('ranking', () => {
  it('prefers the same chair at the same time every day', () => {
    // C1 is taken on Wednesday morning, so the whole course moves to C2 rather than hopping.
    const existing = [appt('C1', 'other', '2025-06-04T09:00:00+01:00', '2025-06-04T13:00:00+01:00')];
    const [plan] = findCoursePlans(request({ protocol: FIVE_DAY, existing, k: 1 }));
    expect(plan.sessions.map((s) => s.resourceId)).toEqual(['C2', 'C2', 'C2', 'C2', 'C2']);
    expect(plan).toMatchObject({ sameResource: true, sameTime: true });
  });

  it('keeps the time and changes chair when no single chair is free every day', () => {
    const existing = [
      appt('C1', 'a', '2025-06-03T09:00:00+01:00', '2025-06-03T13:00:00+01:00'),
      appt('C2', 'b', '2025-06-05T09:00:00+01:00', '2025-06-05T13:00:00+01:00'),
    ];
    const [plan] = findCoursePlans(request({ protocol: FIVE_DAY, existing, k: 1 }));
    expect(plan.sessions.map((s) => s.resourceId)).toEqual(['C1', 'C2', 'C1', 'C1', 'C1']);
    expect(localStarts(plan).every((s) => s.endsWith('09:00'))).toBe(true);
    expect(plan).toMatchObject({ sameResource: false, sameTime: true });
  });

  it('starts earliest first, moving a blocked day to the nearest free time and keeping the chair', () => {
    const existing = [
      appt('C1', 'a', '2025-06-04T09:00:00+01:00', '2025-06-04T13:00:00+01:00'),
      appt('C2', 'b', '2025-06-04T09:00:00+01:00', '2025-06-04T11:00:00+01:00'),
    ];
    const plans = findCoursePlans(request({ protocol: FIVE_DAY, existing, k: 9 }));
    expect(localStarts(plans[0])).toEqual([
      'Mon 2025-06-02 09:00',
      'Tue 2025-06-03 09:00',
      'Wed 2025-06-04 11:00',
      'Thu 2025-06-05 09:00',
      'Fri 2025-06-06 09:00',
    ]);
    expect(plans[0]).toMatchObject({ sameResource: true, sameTime: false });
    // From 11:00 the same time is possible again every day, and preferred.
    expect(plans[8]).toMatchObject({ sameTime: true });
    expect(localStarts(plans[8])[0]).toBe('Mon 2025-06-02 11:00');
  });

  it('returns k distinct first starts in time order with rising scores', () => {
    const plans = findCoursePlans(request({ protocol: SINGLE, k: 6, stepMinutes: 30 }));
    const starts = plans.map((p) => Date.parse(p.sessions[0].start));
    expect(plans).toHaveLength(6);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(new Set(starts).size).toBe(6);
    // Minutes waited from local midnight of the earliest date: 09:00 is 540.
    expect(plans.map((p) => p.score)).toEqual([540, 570, 600, 630, 660, 690]);
  });
});

describe('requests the search refuses', () => {
  it('needs the session count for a weekday course, within the protocol range', () => {
    expect(() => findCoursePlans(request({ protocol: WEEKDAY_COURSE }))).toThrow(SlotSearchError);
    expect(() => findCoursePlans(request({ protocol: WEEKDAY_COURSE, sessions: 11 }))).toThrow(/4 to 10/);
  });

  it('has nothing to book for a home protocol', () => {
    expect(() => findCoursePlans(request({ protocol: catalogueProtocol('ORAL_MAINTENANCE') }))).toThrow(
      expect.objectContaining({ code: 'PROTOCOL_NOT_BOOKABLE' }),
    );
  });

  it('rejects an unknown time zone and a malformed earliest date', () => {
    expect(() =>
      findCoursePlans(request({ protocol: SINGLE, clinic: newClinic({ timeZone: 'Mars/Olympus' }) })),
    ).toThrow(expect.objectContaining({ code: 'INVALID_TIME_ZONE' }));
    expect(() => findCoursePlans(request({ protocol: SINGLE, earliest: '2025-02-30' }))).toThrow(SlotSearchError);
  });
});

describe('a prepared index', () => {
  it('gives the same answers when reused, and refuses other bookings', () => {
    const req = request({
      protocol: FIVE_DAY,
      existing: [appt('C1', 'a', '2025-06-02T08:00:00Z', '2025-06-02T12:00:00Z')],
    });
    const index = prepareSlotSearch(req.clinic, req.existing);
    expect(findCoursePlans({ ...req, index })).toEqual(findCoursePlans(req));
    expect(findCoursePlans({ ...req, index, patientId: 'someone' })).toEqual(
      findCoursePlans({ ...req, patientId: 'someone' }),
    );
    expect(() => findCoursePlans({ ...req, existing: [], index })).toThrow(SlotSearchError);
  });
});
