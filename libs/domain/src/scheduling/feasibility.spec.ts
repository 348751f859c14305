import { isPlanFeasible, type PlanFeasibilityContext } from './feasibility';
import { appt, bedProtocol, catalogueProtocol, chairProtocol, newClinic } from './scheduling.factory';
import { findCoursePlans } from './slot-search';

const SINGLE = catalogueProtocol('IV_SINGLE_INFUSION');
const TWO_DAYS = chairProtocol({ kind: 'CONSECUTIVE_DAYS', sessions: 2 }, 60);

function ctx(overrides: Partial<PlanFeasibilityContext> = {}): PlanFeasibilityContext {
  return { protocol: SINGLE, clinic: newClinic(), existing: [], patientId: 'patient-1', ...overrides };
}

/** One session on a chair; times in BST (June). */
const session = (resourceId: string, from: string, to: string, day = '2025-06-02') => ({
  resourceId,
  start: new Date(`${day}T${from}:00+01:00`).toISOString(),
  end: new Date(`${day}T${to}:00+01:00`).toISOString(),
});

const codes = (plan: Parameters<typeof isPlanFeasible>[0], c = ctx()) =>
  isPlanFeasible(plan, c).reasons.map((r) => r.code);

describe('isPlanFeasible', () => {
  it('accepts what the search offers', () => {
    const c = ctx({ protocol: catalogueProtocol('IV_FIVE_DAY_LOW_DOSE') });
    const plans = findCoursePlans({ ...c, earliest: '2025-06-02', horizonDays: 14, k: 3 });
    expect(plans).toHaveLength(3);
    for (const p of plans) expect(isPlanFeasible(p, c)).toEqual({ feasible: true, reasons: [] });
  });

  it('accepts a session ending exactly at closing and refuses one a minute over', () => {
    expect(codes({ sessions: [session('C1', '16:20', '17:00')] })).toEqual([]);
    const over = isPlanFeasible({ sessions: [session('C1', '16:21', '17:01')] }, ctx());
    expect(over.feasible).toBe(false);
    expect(over.reasons).toEqual([expect.objectContaining({ code: 'OUTSIDE_OPENING_HOURS', sessionIndex: 0 })]);
    expect(over.reasons[0].message).toMatch(/Mon 2 Jun 2025 16:21/);
  });

  it('refuses closures and weekends for chair sessions', () => {
    const closed = ctx({ clinic: newClinic({ closures: [{ from: '2025-06-02', to: '2025-06-02' }] }) });
    expect(codes({ sessions: [session('C1', '10:00', '10:40')] }, closed)).toEqual(['CLINIC_CLOSED']);
    expect(codes({ sessions: [session('C1', '10:00', '10:40', '2025-06-07')] })).toEqual(['CLINIC_CLOSED']);
  });

  it('names clashes with the chair, the patient and the nurse ratio', () => {
    const existing = [appt('C1', 'other', '2025-06-02T10:00:00+01:00', '2025-06-02T11:00:00+01:00')];
    expect(codes({ sessions: [session('C1', '10:20', '11:00')] }, ctx({ existing }))).toEqual(['RESOURCE_BUSY']);
    const mine = [appt('C2', 'patient-1', '2025-06-02T10:00:00+01:00', '2025-06-02T11:00:00+01:00')];
    expect(codes({ sessions: [session('C1', '10:20', '11:00')] }, ctx({ existing: mine }))).toEqual(['PATIENT_BUSY']);
    const oneNurse = newClinic({
      nurseShifts: [{ kind: 'WEEKLY', weekday: 1, startsAt: '08:00', endsAt: '18:00', nurses: 1 }],
      maxInfusionsPerNurse: 1,
    });
    expect(codes({ sessions: [session('C2', '10:20', '11:00')] }, ctx({ existing, clinic: oneNurse }))).toEqual([
      'NURSE_CAPACITY',
    ]);
    // Back to back is not a clash.
    expect(codes({ sessions: [session('C1', '11:00', '11:40')] }, ctx({ existing, clinic: oneNurse }))).toEqual([]);
  });

  describe('one appointment a local day per patient', () => {
    const mine = (from: string, to: string) => [appt('B1', 'patient-1', from, to)];
    const plan = { sessions: [session('C1', '10:00', '10:40')] }; // Mon 2 June 2025, BST

    it('accepts a booking of the patient that ends at 23:59 local the day before', () => {
      expect(codes(plan, ctx({ existing: mine('2025-06-01T22:00:00+01:00', '2025-06-01T23:59:00+01:00') }))).toEqual(
        [],
      );
      // Ending exactly at local midnight does not touch the day either.
      expect(codes(plan, ctx({ existing: mine('2025-06-01T22:00:00+01:00', '2025-06-02T00:00:00+01:00') }))).toEqual(
        [],
      );
    });

    it('refuses one starting at 00:00 local on the day, or later that day in another chair', () => {
      const midnight = isPlanFeasible(
        plan,
        ctx({ existing: mine('2025-06-02T00:00:00+01:00', '2025-06-02T00:30:00+01:00') }),
      );
      expect(midnight.reasons).toEqual([expect.objectContaining({ code: 'PATIENT_SAME_DAY', sessionIndex: 0 })]);
      expect(midnight.reasons[0].message).toMatch(/already has another appointment that day/);
      expect(
        codes(
          plan,
          ctx({ existing: [appt('C2', 'patient-1', '2025-06-02T16:00:00+01:00', '2025-06-02T16:40:00+01:00')] }),
        ),
      ).toEqual(['PATIENT_SAME_DAY']);
      // An overlap is named as the clash it is, not twice.
      expect(
        codes(
          plan,
          ctx({ existing: [appt('C2', 'patient-1', '2025-06-02T10:30:00+01:00', '2025-06-02T11:00:00+01:00')] }),
        ),
      ).toEqual(['PATIENT_BUSY']);
      // Another patient that day is no concern of this one.
      expect(
        codes(plan, ctx({ existing: [appt('C2', 'other', '2025-06-02T16:00:00+01:00', '2025-06-02T16:40:00+01:00')] })),
      ).toEqual([]);
    });

    it('reads the day in the clinic zone across a clock change', () => {
      // Sunday 30 March 2025 the clocks go forward in London. 23:30 UTC on Sunday is 00:30 BST on Monday.
      const monday = { sessions: [session('C1', '10:00', '10:40', '2025-03-31')] };
      expect(codes(monday, ctx({ existing: mine('2025-03-30T22:00:00Z', '2025-03-30T22:59:00Z') }))).toEqual([]); // 23:59 BST Sunday
      expect(codes(monday, ctx({ existing: mine('2025-03-30T23:00:00Z', '2025-03-30T23:30:00Z') }))).toEqual([
        'PATIENT_SAME_DAY',
      ]); // 00:00 BST Monday
      // Sunday 26 October 2025 the clocks go back: 23:30 UTC on Sunday is still Sunday in London (GMT).
      const sunday = { sessions: [session('C1', '10:00', '10:40', '2025-10-26')] };
      const weekend = ctx({ clinic: newClinic({ days: [1, 2, 3, 4, 5, 6, 7] }) });
      expect(codes(sunday, { ...weekend, existing: mine('2025-10-26T23:00:00Z', '2025-10-26T23:30:00Z') })).toEqual([
        'PATIENT_SAME_DAY',
      ]);
      expect(codes(sunday, { ...weekend, existing: mine('2025-10-27T00:00:00Z', '2025-10-27T00:30:00Z') })).toEqual([]);
    });

    it('covers every day a continuous infusion touches', () => {
      const bed = ctx({ protocol: bedProtocol(30) });
      const infusion = {
        sessions: [{ resourceId: 'B1', start: '2025-06-02T20:00:00.000Z', end: '2025-06-04T02:00:00.000Z' }],
      };
      expect(codes(infusion, bed)).toEqual([]);
      // Wednesday 4 June, 16:00 BST: the infusion ends at 03:00 BST that morning.
      expect(
        codes(infusion, {
          ...bed,
          existing: [appt('C1', 'patient-1', '2025-06-04T16:00:00+01:00', '2025-06-04T16:40:00+01:00')],
        }),
      ).toEqual(['PATIENT_SAME_DAY']);
    });
  });

  it('checks the resource, its kind and the session length', () => {
    expect(codes({ sessions: [session('B1', '10:00', '10:40')] })).toEqual(['WRONG_RESOURCE_KIND']);
    expect(codes({ sessions: [session('X9', '10:00', '10:40')] })).toEqual(['UNKNOWN_RESOURCE']);
    expect(codes({ sessions: [session('C1', '10:00', '10:45')] })).toEqual(['SESSION_LENGTH']);
    const bed = isPlanFeasible({ sessions: [session('C1', '10:00', '20:00')] }, ctx({ protocol: bedProtocol(10) }));
    expect(bed.reasons.map((r) => r.code)).toEqual(['WRONG_RESOURCE_KIND']);
  });

  it('checks the calendar pattern and the number of sessions', () => {
    const c = ctx({ protocol: TWO_DAYS });
    expect(
      codes({ sessions: [session('C1', '10:00', '11:00'), session('C1', '10:00', '11:00', '2025-06-03')] }, c),
    ).toEqual([]);
    expect(
      codes({ sessions: [session('C1', '10:00', '11:00'), session('C1', '10:00', '11:00', '2025-06-04')] }, c),
    ).toEqual(['PATTERN_BROKEN']);
    expect(codes({ sessions: [session('C1', '10:00', '11:00')] }, c)).toEqual(['SESSION_COUNT']);
    const weekdays = ctx({ protocol: catalogueProtocol('IV_MULTI_DAY_WEEKDAYS') });
    const friToTue = ['2025-06-06', '2025-06-09', '2025-06-10', '2025-06-11'].map((d) =>
      session('C1', '09:00', '13:00', d),
    );
    expect(codes({ sessions: friToTue }, weekdays)).toEqual([]);
    expect(codes({ sessions: friToTue.slice(0, 3) }, weekdays)).toEqual(['SESSION_COUNT']);
    expect(codes({ sessions: friToTue }, { ...weekdays, sessions: 5 })).toEqual(['SESSION_COUNT']);
  });

  it('refuses to book a home protocol', () => {
    expect(codes({ sessions: [] }, ctx({ protocol: catalogueProtocol('ORAL_MAINTENANCE') }))).toEqual([
      'PROTOCOL_NOT_BOOKABLE',
    ]);
  });
});
