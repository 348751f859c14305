import { isPlanFeasible } from './feasibility';
import { closedDayProblems, rescheduleDate, singleSessionProtocol } from './reschedule';
import { findCoursePlans } from './slot-search';
import { catalogueProtocol, newClinic } from './scheduling.factory';

describe('singleSessionProtocol', () => {
  it('turns a day-by-day course into one session of the same chair time', () => {
    for (const key of ['IV_FIVE_DAY_LOW_DOSE', 'IV_MULTI_DAY_WEEKDAYS', 'IV_SINGLE_INFUSION']) {
      const p = catalogueProtocol(key);
      const one = singleSessionProtocol(p);
      expect(one).toMatchObject({ key, version: p.version, minutesPerSession: p.minutesPerSession, setting: 'CHAIR' });
      expect(one.pattern).toEqual({ kind: 'CONSECUTIVE_DAYS', sessions: 1 });
    }
  });

  it('leaves a continuous infusion (already one session) and a home protocol alone', () => {
    expect(singleSessionProtocol(catalogueProtocol('IV_CONTINUOUS_100H'))).toEqual(
      catalogueProtocol('IV_CONTINUOUS_100H'),
    );
    expect(singleSessionProtocol(catalogueProtocol('ORAL_MAINTENANCE'))).toEqual(catalogueProtocol('ORAL_MAINTENANCE'));
  });

  it('finds and re-checks a single replacement session of a weekday course', () => {
    const clinic = newClinic();
    const protocol = singleSessionProtocol(catalogueProtocol('IV_MULTI_DAY_WEEKDAYS'));
    const [plan] = findCoursePlans({
      protocol,
      clinic,
      existing: [],
      patientId: 'P',
      earliest: '2026-03-06',
      horizonDays: 14,
      k: 1,
    });
    // Friday 6 March 2026, 09:00 GMT, four hours.
    expect(plan.sessions).toEqual([
      { resourceId: 'C1', start: '2026-03-06T09:00:00.000Z', end: '2026-03-06T13:00:00.000Z' },
    ]);
    expect(isPlanFeasible(plan, { protocol, clinic, existing: [], patientId: 'P' })).toEqual({
      feasible: true,
      reasons: [],
    });
  });
});

describe('rescheduleDate', () => {
  it('judges the day in the clinic zone, not UTC', () => {
    // 23:00 UTC on Thursday is 09:00 on Friday in Sydney, and still Thursday in London.
    expect(rescheduleDate({ start: '2025-06-05T23:00:00.000Z' }, 'Australia/Sydney')).toBe('2025-06-06');
    expect(rescheduleDate({ start: '2025-06-05T22:59:00.000Z' }, 'Europe/London')).toBe('2025-06-05');
    expect(rescheduleDate({ start: '2025-06-05T23:00:00.000Z' }, 'Europe/London')).toBe('2025-06-06');
  });
});

describe('closedDayProblems', () => {
  const zone = 'Europe/London';
  // Friday 18 December 2026, 09:00–13:00 GMT.
  const session = {
    start: '2026-12-18T09:00:00.000Z',
    end: '2026-12-18T13:00:00.000Z',
    resourceKind: 'CHAIR' as const,
  };

  it('names the closure that shuts the chair on the session day, with its reason', () => {
    expect(
      closedDayProblems(session, [{ from: '2026-12-18', to: '2026-12-18', reason: 'Staff training' }], zone),
    ).toEqual([
      {
        code: 'CLINIC_CLOSED',
        message: 'The clinic is closed on 2026-12-18 (Staff training), so no chair is free for this session that day.',
      },
    ]);
  });

  it('gives the span of a closure of several days, and leaves out a blank reason', () => {
    expect(closedDayProblems(session, [{ from: '2026-12-17', to: '2026-12-21', reason: ' ' }], zone)).toEqual([
      {
        code: 'CLINIC_CLOSED',
        message: 'The clinic is closed from 2026-12-17 to 2026-12-21, so no chair is free for this session that day.',
      },
    ]);
  });

  it('says nothing of a closure that ends the day before or starts the day after', () => {
    const closures = [
      { from: '2026-12-17', to: '2026-12-17', reason: 'Before' },
      { from: '2026-12-19', to: '2026-12-19', reason: 'After' },
    ];
    expect(closedDayProblems(session, closures, zone)).toEqual([]);
  });

  it('counts a session that runs past local midnight into a closed day, and not one ending at midnight', () => {
    const closure = [{ from: '2026-12-19', to: '2026-12-19', reason: 'Flood' }];
    const late = { ...session, start: '2026-12-18T22:00:00.000Z' };
    expect(closedDayProblems({ ...late, end: '2026-12-19T00:00:00.000Z' }, closure, zone)).toEqual([]);
    expect(closedDayProblems({ ...late, end: '2026-12-19T00:01:00.000Z' }, closure, zone)).toHaveLength(1);
  });

  it('leaves a bed alone: the ward stays open on closure days', () => {
    const closure = [{ from: '2026-12-18', to: '2026-12-18', reason: 'Training' }];
    expect(closedDayProblems({ ...session, resourceKind: 'BED' }, closure, zone)).toEqual([]);
  });
});
