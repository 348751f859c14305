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
