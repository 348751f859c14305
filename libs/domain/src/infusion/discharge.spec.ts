import {
  aldreteOxygenScore,
  aldreteProblems,
  dischargeCheck,
  type AldreteScores,
  type DischargeFacts,
} from './discharge';
import { DEFAULT_INFUSION_SETTINGS } from './settings';

const MIN = 60_000;
const stop = Date.UTC(2026, 11, 1, 13, 0);
const settings = DEFAULT_INFUSION_SETTINGS.discharge;
const full: AldreteScores = { activity: 2, respiration: 2, circulation: 2, consciousness: 2, oxygenSaturation: 2 };
const facts = (change: Partial<DischargeFacts> = {}): DischargeFacts => ({
  aldrete: full,
  baseline: { systolic: 150, diastolic: 90, heartRate: 80 },
  latest: { systolic: 140, diastolic: 85, heartRate: 84 },
  escortPresent: true,
  lastDoseAtMs: stop,
  nowMs: stop + 60 * MIN,
  ...change,
});
const codes = (f: DischargeFacts, s = settings) => dischargeCheck(f, s).reasons.map((r) => r.code);

describe('dischargeCheck', () => {
  it('allows discharge when every criterion is met', () => {
    expect(dischargeCheck(facts(), settings)).toEqual({ allowed: true, aldrete: 10, reasons: [] });
  });
  it('modified Aldrete 9 is enough, 8 is not', () => {
    expect(codes(facts({ aldrete: { ...full, activity: 1 } }))).toEqual([]);
    expect(dischargeCheck(facts({ aldrete: { ...full, activity: 1, consciousness: 1 } }), settings)).toMatchObject({
      allowed: false,
      aldrete: 8,
      reasons: [{ code: 'ALDRETE_BELOW', message: 'Modified Aldrete score 8 is below 9' }],
    });
  });
  it('the minimum is a setting', () => {
    expect(codes(facts({ aldrete: { ...full, activity: 1 } }), { ...settings, aldreteMinimum: 10 })).toEqual([
      'ALDRETE_BELOW',
    ]);
  });
  it('vitals within 20 % of the baseline, inclusive: 150 → 180 and 120 pass, 181 and 119 do not', () => {
    const latest = (systolic: number) => facts({ latest: { systolic, diastolic: 85, heartRate: 84 } });
    expect(codes(latest(180))).toEqual([]);
    expect(codes(latest(120))).toEqual([]);
    expect(codes(latest(181))).toEqual(['VITALS_OFF_BASELINE']);
    expect(codes(latest(119))).toEqual(['VITALS_OFF_BASELINE']);
    expect(dischargeCheck(latest(181), settings).reasons[0].message).toBe(
      'Systolic BP 181 is more than 20 % from the pre-infusion 150',
    );
  });
  it('each vital is compared on its own', () => {
    expect(codes(facts({ latest: { systolic: 150, diastolic: 109, heartRate: 97 } }))).toEqual([
      'VITALS_OFF_BASELINE',
      'VITALS_OFF_BASELINE',
    ]);
    expect(codes(facts({ latest: undefined }))).toEqual(['VITALS_MISSING']);
  });
  it('observe at least 60 min after the last dose', () => {
    expect(codes(facts({ nowMs: stop + 60 * MIN - 1 }))).toEqual(['OBSERVATION_SHORT']);
  });
  it('the escort must be present', () => {
    expect(codes(facts({ escortPresent: false }))).toEqual(['ESCORT_ABSENT']);
  });
  it('refuses item scores outside 0–2', () => {
    expect(aldreteProblems({ ...full, respiration: 3 })).toEqual([
      { field: 'respiration', problem: 'must be scored 0, 1 or 2' },
    ]);
    expect(() => dischargeCheck(facts({ aldrete: { ...full, activity: 1.5 } }), settings)).toThrow(RangeError);
  });
});

describe('aldreteOxygenScore (2 above 92 % on air; 1 above 90 %)', () => {
  it.each([
    [93, true, 2],
    [92, true, 1],
    [91, true, 1],
    [90, true, 0],
    [96, false, 1],
    [91, false, 1],
    [90, false, 0],
    [85, false, 0],
  ])('%p %% (on air %p) → %p', (spo2, onAir, score) => expect(aldreteOxygenScore(spo2, onAir, settings)).toBe(score));
  it('a clinic may use the 90 % version for 2 points', () => {
    expect(aldreteOxygenScore(91, true, { ...settings, aldreteSpo2TwoPointsAbove: 90 })).toBe(2);
  });
});
