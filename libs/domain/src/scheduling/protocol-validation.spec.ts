import { isProtocol, protocolProblems } from './protocol-validation';
import { findProtocol, PROTOCOL_CATALOGUE, type Protocol } from './protocol';

const five = findProtocol('IV_FIVE_DAY_LOW_DOSE')!;
const paths = (value: unknown) => protocolProblems(value).map((p) => p.path);

describe('protocolProblems', () => {
  it.each(PROTOCOL_CATALOGUE.map((p) => [p.key, p] as const))('accepts the seeded %s', (_key, p) => {
    expect(protocolProblems(p)).toEqual([]);
    expect(isProtocol(JSON.parse(JSON.stringify(p)))).toBe(true);
  });

  it('refuses what is not an object', () => {
    expect(paths(null)).toEqual(['']);
    expect(paths([five])).toEqual(['']);
  });

  it('names unknown and malformed members by path', () => {
    expect(paths({ ...five, colour: 'red' })).toEqual(['colour']);
    expect(paths({ ...five, key: 'lower case' })).toEqual(['key']);
    expect(paths({ ...five, version: 0 })).toEqual(['version']);
    expect(paths({ ...five, route: 'ORALLY' })).toEqual(['route']);
    expect(paths({ ...five, pattern: { kind: 'CONSECUTIVE_DAYS', sessions: 0 } })).toEqual(['pattern.sessions']);
    expect(paths({ ...five, pattern: { kind: 'CONSECUTIVE_DAYS', sessions: 5, extra: 1 } })).toEqual(['pattern.extra']);
    expect(paths({ ...five, pattern: { kind: 'FORTNIGHTLY' } })).toEqual(['pattern.kind']);
    expect(paths({ ...five, followUpOffsetsDays: [7, 7, 28] })).toEqual(['followUpOffsetsDays[1]']);
    expect(paths({ ...five, followUpOffsetsDays: [] })).toEqual(['followUpOffsetsDays']);
  });

  it("accepts the protocol's own infusion-day limits within what each setting allows, naming each one that is not", () => {
    const overrides = (infusionOverrides: unknown) => paths({ ...five, infusionOverrides });
    expect(
      overrides({ thresholds: { systolicAbove: 160, rassBelow: -3 }, fastingHours: { food: 6, clearFluids: null } }),
    ).toEqual([]);
    expect(overrides({ discharge: { aldreteMinimum: 10, minimumObservationMinutes: 120 } })).toEqual([]);
    expect(overrides({ thresholds: { systolicAbove: 301 } })).toEqual(['infusionOverrides.thresholds.systolicAbove']);
    expect(overrides({ thresholds: { rassBelow: -6 } })).toEqual(['infusionOverrides.thresholds.rassBelow']);
    expect(overrides({ thresholds: { systolicAbove: 160.5 } })).toEqual(['infusionOverrides.thresholds.systolicAbove']);
    expect(overrides({ thresholds: { pulse: 100 } })).toEqual(['infusionOverrides.thresholds.pulse']);
    expect(overrides({ discharge: { aldreteMinimum: 11 } })).toEqual(['infusionOverrides.discharge.aldreteMinimum']);
    expect(overrides({ vitalsIntervalMinutes: 5 })).toEqual(['infusionOverrides.vitalsIntervalMinutes']);
    expect(overrides({ colour: 'red' })).toEqual(['infusionOverrides.colour']);
    expect(overrides([])).toEqual(['infusionOverrides']);
  });

  it('keeps the setting and the calendar pattern coherent', () => {
    expect(paths({ ...five, setting: 'BED' })).toEqual(expect.arrayContaining(['pattern.kind']));
    expect(paths({ ...five, pattern: { kind: 'CONTINUOUS', hours: 4 } })).toEqual(expect.arrayContaining(['setting']));
    expect(paths({ ...five, setting: 'HOME' })).toEqual(expect.arrayContaining(['pattern.kind', 'minutesPerSession']));
    expect(paths({ ...five, minutesPerSession: 0 })).toEqual(['minutesPerSession']);
    const bed = findProtocol('IV_CONTINUOUS_100H')!;
    expect(paths({ ...bed, minutesPerSession: 240 })).toEqual(['minutesPerSession']);
    expect(paths({ ...five, pattern: { kind: 'WEEKDAYS', minSessions: 6, maxSessions: 4 } })).toEqual([
      'pattern.maxSessions',
    ]);
  });

  it('checks doses, caps and monitoring', () => {
    expect(paths({ ...five, doseRangeMgPerKgPerHour: { min: 0.5, max: 0.1 } })).toEqual(['doseRangeMgPerKgPerHour']);
    expect(paths({ ...five, doseRangeMgPerKgPerDose: { min: 0.1, max: 0.5 } })).toEqual(['doseRangeMgPerKgPerHour']);
    expect(paths({ ...five, caps: { ...five.caps, perSessionMg: 5000 } })).toEqual(['caps.perSessionMg']);
    expect(paths({ ...five, caps: { ...five.caps, cumulativeMg: 10 } })).toEqual(
      expect.arrayContaining(['caps.perCourseMg']),
    );
    expect(paths({ ...five, vitalsIntervalMinutes: null })).toEqual(['vitalsIntervalMinutes']);
  });

  it('never lets a booster policy skip the bladder and cumulative-dose checks', () => {
    const policy = five.boosterPolicy as Extract<Protocol['boosterPolicy'], { kind: 'RESPONSE_TRIGGERED' }>;
    expect(paths({ ...five, boosterPolicy: { ...policy, checks: ['SCREENING_VALID'] } })).toEqual([
      'boosterPolicy.checks',
    ]);
    expect(paths({ ...five, boosterPolicy: { ...policy, checks: ['SCREENING_VALID', 'SCREENING_VALID'] } })).toEqual([
      'boosterPolicy.checks',
    ]);
    expect(paths({ ...five, boosterPolicy: { kind: 'SOMETIMES' } })).toEqual(['boosterPolicy.kind']);
  });
});
