import { resolveCourseShape } from './course';
import { findProtocol, PROTOCOL_CATALOGUE, protocolSessionMinutes } from './protocol';

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
