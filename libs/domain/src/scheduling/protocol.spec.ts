import { resolveCourseShape } from './course';
import {
  findProtocol,
  hasSessionsToBook,
  MAX_COURSE_SESSIONS,
  PROTOCOL_CATALOGUE,
  protocolSessionMinutes,
  sessionCountProblem,
} from './protocol';

describe('protocol catalogue', () => {
  it('holds the six seeded protocols, each key and version once', () => {
    expect(PROTOCOL_CATALOGUE.map((p) => p.key).sort()).toEqual([
      'INTRANASAL_BREAKTHROUGH',
      'IV_CONTINUOUS_100H',
      'IV_FIVE_DAY_LOW_DOSE',
      'IV_MULTI_DAY_WEEKDAYS',
      'IV_SINGLE_INFUSION',
      'ORAL_MAINTENANCE',
    ]);
    expect(new Set(PROTOCOL_CATALOGUE.map((p) => `${p.key}@${p.version}`)).size).toBe(PROTOCOL_CATALOGUE.length);
  });

  it.each(PROTOCOL_CATALOGUE.map((p) => [p.key, p] as const))(
    '%s has coherent doses, caps and follow-ups',
    (_key, p) => {
      const range = p.doseRangeMgPerKgPerHour ?? p.doseRangeMgPerKgPerDose;
      expect(range).not.toBeNull();
      expect(range!.min).toBeGreaterThan(0);
      expect(range!.min).toBeLessThan(range!.max);
      // An infusion is dosed as a rate, a bolus per dose; never both.
      expect(p.doseRangeMgPerKgPerHour === null).not.toBe(p.doseRangeMgPerKgPerDose === null);
      expect(p.caps.perSessionMg).toBeLessThanOrEqual(p.caps.perCourseMg);
      expect(p.caps.perCourseMg).toBeLessThanOrEqual(p.caps.cumulativeMg);
      expect(p.followUpOffsetsDays.length).toBeGreaterThan(0);
      expect(p.followUpOffsetsDays).toEqual([...p.followUpOffsetsDays].sort((a, b) => a - b));
    },
  );

  it('matches the clinical shapes the clinic books', () => {
    expect(findProtocol('IV_SINGLE_INFUSION')).toMatchObject({ route: 'IV', setting: 'CHAIR', minutesPerSession: 40 });
    expect(findProtocol('IV_FIVE_DAY_LOW_DOSE')).toMatchObject({
      pattern: { kind: 'CONSECUTIVE_DAYS', sessions: 5 },
      doseRangeMgPerKgPerHour: { min: 0.1, max: 0.5 },
    });
    expect(findProtocol('IV_MULTI_DAY_WEEKDAYS')?.pattern).toEqual({
      kind: 'WEEKDAYS',
      minSessions: 4,
      maxSessions: 10,
    });
    const continuous = findProtocol('IV_CONTINUOUS_100H')!;
    expect(continuous).toMatchObject({
      setting: 'BED',
      pattern: { kind: 'CONTINUOUS', hours: 100 },
      doseRangeMgPerKgPerHour: { min: 0.1, max: 0.3 },
    });
    expect(protocolSessionMinutes(continuous)).toBe(6000);
    expect(findProtocol('ORAL_MAINTENANCE')).toMatchObject({
      route: 'ORAL',
      setting: 'HOME',
      pattern: { kind: 'NONE' },
    });
    expect(findProtocol('INTRANASAL_BREAKTHROUGH')).toMatchObject({
      route: 'INTRANASAL',
      setting: 'CHAIR',
      minutesPerSession: 60,
    });
    expect(findProtocol('NO_SUCH')).toBeUndefined();
  });

  it('finds the latest version of a key', () => {
    const v2 = { ...PROTOCOL_CATALOGUE[0], version: 2, minutesPerSession: 45 };
    expect(findProtocol(v2.key, [...PROTOCOL_CATALOGUE, v2])?.minutesPerSession).toBe(45);
  });

  it('lets the slot search book every protocol except home maintenance', () => {
    for (const p of PROTOCOL_CATALOGUE) {
      const sessions = p.pattern.kind === 'WEEKDAYS' ? p.pattern.minSessions : undefined;
      if (p.setting === 'HOME') expect(() => resolveCourseShape(p, sessions)).toThrow();
      else expect(() => resolveCourseShape(p, sessions)).not.toThrow();
    }
  });
});

describe('what a booking may ask of a protocol', () => {
  it('has sessions to book for every catalogue protocol except the home one', () => {
    for (const p of PROTOCOL_CATALOGUE) expect(hasSessionsToBook(p)).toBe(p.setting !== 'HOME');
    expect(hasSessionsToBook({ setting: 'CHAIR', pattern: { kind: 'NONE' } })).toBe(false);
  });

  it('takes a weekday course count only within its bounds, whole', () => {
    const weekdays = { kind: 'WEEKDAYS' as const, minSessions: 4, maxSessions: 10 };
    expect(sessionCountProblem(weekdays, 4)).toBeUndefined();
    expect(sessionCountProblem(weekdays, 10)).toBeUndefined();
    for (const n of [undefined, 3, 11, 4.5]) expect(sessionCountProblem(weekdays, n)).toMatch(/from 4 to 10/);
  });

  it('lets a fixed pattern repeat its own count but not change it', () => {
    const five = { kind: 'CONSECUTIVE_DAYS' as const, sessions: 5 };
    expect(sessionCountProblem(five, undefined)).toBeUndefined();
    expect(sessionCountProblem(five, 5)).toBeUndefined();
    expect(sessionCountProblem(five, 6)).toMatch(/always has 5/);
    expect(MAX_COURSE_SESSIONS).toBe(30);
  });
});
