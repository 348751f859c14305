import { isPlanFeasible } from './feasibility';
import { singleSessionProtocol } from './reschedule';
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
    expect(singleSessionProtocol(catalogueProtocol('IV_CONTINUOUS_100H'))).toEqual(catalogueProtocol('IV_CONTINUOUS_100H'));
    expect(singleSessionProtocol(catalogueProtocol('ORAL_MAINTENANCE'))).toEqual(catalogueProtocol('ORAL_MAINTENANCE'));
  });

  it('finds and re-checks a single replacement session of a weekday course', () => {
    const clinic = newClinic();
    const protocol = singleSessionProtocol(catalogueProtocol('IV_MULTI_DAY_WEEKDAYS'));
    const [plan] = findCoursePlans({ protocol, clinic, existing: [], patientId: 'P', earliest: '2026-03-06', horizonDays: 14, k: 1 });
    // Friday 6 March 2026, 09:00 GMT, four hours.
    expect(plan.sessions).toEqual([{ resourceId: 'C1', start: '2026-03-06T09:00:00.000Z', end: '2026-03-06T13:00:00.000Z' }]);
    expect(isPlanFeasible(plan, { protocol, clinic, existing: [], patientId: 'P' })).toEqual({ feasible: true, reasons: [] });
  });
});
