import { DateTime } from 'luxon';
import { type ClinicNurseShift, SlotSearchError } from './clinic';
import { isPlanFeasible } from './feasibility';
import { DATED_SHIFT_RULE, nurseChangePoints, nurseShiftFromRecord, nursesOnDuty, shiftsOnDate } from './nurse-duty';
import { appt, catalogueProtocol, newClinic, request } from './scheduling.factory';

const zone = 'Europe/London';
const at = (local: string) => DateTime.fromISO(local, { zone }).toMillis();
const rota = (nurses: number): ClinicNurseShift[] =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
    kind: 'WEEKLY' as const,
    weekday: weekday as 1,
    startsAt: '08:00',
    endsAt: '18:00',
    nurses,
  }));
const dated = (date: string, startsAt: string, endsAt: string, nurses: number): ClinicNurseShift => ({
  kind: 'DATED',
  start: `${date}T${startsAt}`,
  end: endsAt === '24:00' ? `${DateTime.fromISO(date).plus({ days: 1 }).toISODate()}T00:00` : `${date}T${endsAt}`,
  nurses,
});

describe('nurses on duty: a dated shift replaces the weekly rota for its whole day', () => {
  it('says so in the words the admin reads', () => {
    expect(DATED_SHIFT_RULE).toMatch(/replaces the weekly rota for that whole day/);
  });

  it('gives one nurse, not the rota plus one, on a day with a dated shift of one (rota of two)', () => {
    const clinic = { timeZone: zone, nurseShifts: [...rota(2), dated('2025-12-24', '08:00', '18:00', 1)] };
    expect(nursesOnDuty(clinic, at('2025-12-24T10:00'))).toBe(1);
    expect(nursesOnDuty(clinic, at('2025-12-23T10:00'))).toBe(2);
    expect(nursesOnDuty(clinic, at('2025-12-25T10:00'))).toBe(2);
  });

  it('leaves no nurse outside a partial-day dated shift, even inside the rota hours', () => {
    const clinic = { timeZone: zone, nurseShifts: [...rota(2), dated('2025-12-24', '13:00', '15:00', 1)] };
    expect(nursesOnDuty(clinic, at('2025-12-24T09:00'))).toBe(0);
    expect(nursesOnDuty(clinic, at('2025-12-24T12:59'))).toBe(0);
    expect(nursesOnDuty(clinic, at('2025-12-24T13:00'))).toBe(1);
    expect(nursesOnDuty(clinic, at('2025-12-24T14:59'))).toBe(1);
    expect(nursesOnDuty(clinic, at('2025-12-24T15:00'))).toBe(0);
  });

  it('takes a dated shift of zero nurses as no chair-side nursing that day', () => {
    const clinic = { timeZone: zone, nurseShifts: [...rota(2), dated('2025-12-24', '08:00', '18:00', 0)] };
    expect(nursesOnDuty(clinic, at('2025-12-24T10:00'))).toBe(0);
    expect(shiftsOnDate(clinic.nurseShifts, '2025-12-24', zone).weekly).toEqual([]);
  });

  it('adds up several dated shifts of the same day, and only those', () => {
    const clinic = {
      timeZone: zone,
      nurseShifts: [...rota(3), dated('2025-12-24', '08:00', '12:00', 1), dated('2025-12-24', '10:00', '14:00', 1)],
    };
    expect(nursesOnDuty(clinic, at('2025-12-24T09:00'))).toBe(1);
    expect(nursesOnDuty(clinic, at('2025-12-24T11:00'))).toBe(2);
    expect(nursesOnDuty(clinic, at('2025-12-24T13:00'))).toBe(1);
    expect(nursesOnDuty(clinic, at('2025-12-24T16:00'))).toBe(0);
  });

  it('places a dated shift on a clock-change day in clinic time', () => {
    // 26 October 2025: London falls back at 02:00, so the day is 25 hours long.
    const clinic = { timeZone: zone, nurseShifts: [dated('2025-10-26', '00:00', '24:00', 1)] };
    expect(nursesOnDuty(clinic, at('2025-10-26T23:59'))).toBe(1);
    expect(nursesOnDuty(clinic, at('2025-10-27T00:00'))).toBe(0);
    expect(nurseChangePoints(clinic, at('2025-10-26T00:00'), at('2025-10-27T00:00'))).toEqual([at('2025-10-26T00:00')]);
  });

  it('takes a dated shift inside a spring-forward gap as no nurse that day, not as an error', () => {
    // 30 March 2025: London skips 01:00–02:00.
    const clinic = { timeZone: zone, nurseShifts: [...rota(2), dated('2025-03-30', '01:00', '02:00', 3)] };
    expect(nursesOnDuty(clinic, at('2025-03-30T10:00'))).toBe(0);
    expect(nursesOnDuty(clinic, at('2025-03-31T10:00'))).toBe(2);
  });

  it('takes a dated shift that starts inside the gap and ends at its end as covering no time, not as an error', () => {
    // 01:30 does not exist on 30 March 2025 in London (it is moved to 02:30); 02:00 does.
    const clinic = { timeZone: zone, nurseShifts: [...rota(2), dated('2025-03-30', '01:30', '02:00', 3)] };
    expect(nursesOnDuty(clinic, at('2025-03-30T10:00'))).toBe(0);
    // A shift that truly ends before it starts is still refused.
    const reversed = { timeZone: zone, nurseShifts: [dated('2025-03-30', '03:30', '02:00', 1)] };
    expect(() => nursesOnDuty(reversed, at('2025-03-30T10:00'))).toThrow(SlotSearchError);
  });

  it('refuses a dated shift that runs past midnight: the day it replaces would be ambiguous', () => {
    const clinic = {
      timeZone: zone,
      nurseShifts: [{ kind: 'DATED' as const, start: '2025-12-24T20:00', end: '2025-12-25T02:00', nurses: 1 }],
    };
    expect(() => nursesOnDuty(clinic, at('2025-12-24T21:00'))).toThrow(SlotSearchError);
  });
});

describe('capacity under a dated shift', () => {
  const single = catalogueProtocol('IV_SINGLE_INFUSION');
  // Rota of two nurses at four infusions each; on Wednesday 24 December one nurse.
  const clinic = newClinic({
    days: [1, 2, 3, 4, 5],
    nurseShifts: [...rota(2), dated('2025-12-24', '08:00', '18:00', 1)],
    maxInfusionsPerNurse: 4,
    resources: Array.from({ length: 9 }, (_, i) => ({ id: `C${i + 1}`, kind: 'CHAIR' as const })),
  });
  const busy = (date: string, n: number) =>
    Array.from({ length: n }, (_, i) => appt(`C${i + 1}`, `other-${i}`, `${date}T10:00:00Z`, `${date}T11:00:00Z`));
  const plan = (date: string) => ({
    sessions: [{ resourceId: 'C9', start: `${date}T10:00:00.000Z`, end: `${date}T10:40:00.000Z` }],
  });

  it("allows one nurse's four infusions on the dated day, not a fifth", () => {
    const three = request({ protocol: single, clinic, existing: busy('2025-12-24', 3), earliest: '2025-12-01' });
    expect(isPlanFeasible(plan('2025-12-24'), three).feasible).toBe(true);
    const four = request({ protocol: single, clinic, existing: busy('2025-12-24', 4), earliest: '2025-12-01' });
    expect(isPlanFeasible(plan('2025-12-24'), four).reasons.map((r) => r.code)).toContain('NURSE_CAPACITY');
  });

  it('allows the rota of two nurses (eight infusions) on the day before', () => {
    const seven = request({ protocol: single, clinic, existing: busy('2025-12-23', 7), earliest: '2025-12-01' });
    expect(isPlanFeasible(plan('2025-12-23'), seven).feasible).toBe(true);
  });
});

describe('stored nurse shifts', () => {
  it('reads a weekly row and a dated row, a dated 24:00 as the next local midnight', () => {
    expect(nurseShiftFromRecord({ weekday: 3, date: null, startsAt: '08:00', endsAt: '18:00', nurses: 2 })).toEqual({
      kind: 'WEEKLY',
      weekday: 3,
      startsAt: '08:00',
      endsAt: '18:00',
      nurses: 2,
    });
    expect(
      nurseShiftFromRecord({ weekday: null, date: '2025-12-31', startsAt: '20:00', endsAt: '24:00', nurses: 0 }),
    ).toEqual({
      kind: 'DATED',
      start: '2025-12-31T20:00',
      end: '2026-01-01T00:00',
      nurses: 0,
    });
  });
});
