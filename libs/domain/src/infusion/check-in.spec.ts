import { DEFAULT_DOSING_SETTINGS } from '../dosing/settings';
import { DEFAULT_SCREENING_SETTINGS } from '../screening/settings';
import {
  CHECK_IN_CODES,
  DAY_OF_CHECKS,
  checkInChecks,
  checkInDecision,
  type BpHrReading,
  type CheckInFacts,
  type CheckInSettings,
  type DayOfCheckId,
} from './check-in';
import { DEFAULT_INFUSION_SETTINGS } from './settings';

const MIN = 60_000;
const today = '2026-12-01';
const t0 = Date.UTC(2026, 11, 1, 8, 30);
const settings: CheckInSettings = {
  screening: DEFAULT_SCREENING_SETTINGS,
  infusion: DEFAULT_INFUSION_SETTINGS,
  dosing: DEFAULT_DOSING_SETTINGS,
};
const reading = (systolic: number, diastolic: number, heartRate = 80, atMs = t0): BpHrReading => ({
  atMs,
  systolic,
  diastolic,
  heartRate,
});
const facts = (change: Partial<CheckInFacts> = {}): CheckInFacts => ({
  today,
  nowMs: t0 + 10 * MIN,
  vitals: { recordedOn: today, first: reading(128, 82) },
  spo2: { recordedOn: today, percent: 97 },
  weightKg: { recordedOn: today, value: 72.5 },
  pregnancyApplies: true,
  pregnancy: { recordedOn: today, status: 'no' },
  escortHome: { recordedOn: today, arranged: true },
  drivingHome: { recordedOn: today, willDrive: false },
  ...change,
});
const check = (id: DayOfCheckId, f: CheckInFacts, s = settings) => checkInChecks(f, s).find((c) => c.check === id)!;
const outcome = (id: DayOfCheckId, f: CheckInFacts, s = settings) => {
  const c = check(id, f, s);
  return [c.result, ...c.reasons.map((r) => r.code)];
};

describe('check-in: a patient with everything in order', () => {
  it('passes every check and may start', () => {
    const checks = checkInChecks(facts(), settings);
    expect(checks.map((c) => c.result)).toEqual(Array(8).fill('PASS'));
    expect(checkInDecision(checks).allowed).toBe(true);
  });
});

describe('blood pressure: above the review limit (140/90) asks for a recheck after 5 minutes’ rest', () => {
  const withVitals = (first: BpHrReading, recheck?: BpHrReading) =>
    facts({ vitals: { recordedOn: today, first, recheck } });
  it('140/90 itself needs no recheck; 141/90 and 140/91 do', () => {
    expect(outcome('BLOOD_PRESSURE', withVitals(reading(140, 90)))).toEqual(['PASS']);
    expect(outcome('BLOOD_PRESSURE', withVitals(reading(141, 90)))).toEqual(['ABSOLUTE', 'BP_RECHECK_NEEDED']);
    expect(outcome('BLOOD_PRESSURE', withVitals(reading(140, 91)))).toEqual(['ABSOLUTE', 'BP_RECHECK_NEEDED']);
  });
  it('the recheck decides, and both readings are kept as given', () => {
    const f = withVitals(reading(150, 92), reading(136, 84, 80, t0 + 5 * MIN));
    expect(outcome('BLOOD_PRESSURE', f)).toEqual(['PASS']);
    expect(f.vitals?.first.systolic).toBe(150);
  });
  it('a recheck sooner than 5 minutes does not count', () => {
    const f = withVitals(reading(150, 92), reading(130, 80, 80, t0 + 5 * MIN - 1));
    expect(outcome('BLOOD_PRESSURE', f)).toEqual(['ABSOLUTE', 'RECHECK_TOO_SOON']);
  });
  it.each([
    [141, 85, ['RELATIVE', 'BP_ABOVE_REVIEW']],
    [179, 109, ['RELATIVE', 'BP_ABOVE_REVIEW']],
    [180, 100, ['ABSOLUTE', 'BP_AT_BLOCK']],
    [170, 110, ['ABSOLUTE', 'BP_AT_BLOCK']],
  ])('recheck %p/%p → %p', (s, d, expected) => {
    expect(outcome('BLOOD_PRESSURE', withVitals(reading(185, 112), reading(s, d, 80, t0 + 6 * MIN)))).toEqual(expected);
  });
  it('a low systolic (below 90) is rechecked too; still low, a clinician decides', () => {
    expect(outcome('BLOOD_PRESSURE', withVitals(reading(90, 60)))).toEqual(['PASS']);
    expect(outcome('BLOOD_PRESSURE', withVitals(reading(89, 60)))).toEqual(['ABSOLUTE', 'BP_RECHECK_NEEDED']);
    expect(outcome('BLOOD_PRESSURE', withVitals(reading(89, 60), reading(88, 60, 80, t0 + 5 * MIN)))).toEqual([
      'RELATIVE',
      'BP_LOW',
    ]);
  });
  it('heart rate: 100 passes, 101 asks for a recheck, 49 too; the recheck decides', () => {
    expect(outcome('HEART_RATE', withVitals(reading(120, 80, 100)))).toEqual(['PASS']);
    expect(outcome('HEART_RATE', withVitals(reading(120, 80, 50)))).toEqual(['PASS']);
    expect(outcome('HEART_RATE', withVitals(reading(120, 80, 101)))).toEqual(['ABSOLUTE', 'HR_RECHECK_NEEDED']);
    expect(outcome('HEART_RATE', withVitals(reading(120, 80, 49)))).toEqual(['ABSOLUTE', 'HR_RECHECK_NEEDED']);
    expect(outcome('HEART_RATE', withVitals(reading(120, 80, 110), reading(120, 80, 96, t0 + 5 * MIN)))).toEqual([
      'PASS',
    ]);
    expect(outcome('HEART_RATE', withVitals(reading(120, 80, 110), reading(120, 80, 104, t0 + 5 * MIN)))).toEqual([
      'RELATIVE',
      'HR_ABOVE_REVIEW',
    ]);
  });
  it('a reading from another day (the screening’s) counts as not recorded', () => {
    const f = facts({ vitals: { recordedOn: '2026-11-28', first: reading(120, 80) } });
    expect(check('BLOOD_PRESSURE', f).reasons[0]).toMatchObject({
      code: 'BLOOD_PRESSURE_NOT_RECORDED',
      severity: 'ABSOLUTE',
      message: 'Blood pressure and heart rate was recorded on 2026-11-28, not today: record it again',
    });
    expect(outcome('HEART_RATE', f)).toEqual(['ABSOLUTE', 'HEART_RATE_NOT_RECORDED']);
  });
});

describe('SpO2 at rest', () => {
  const spo2 = (percent: number) => outcome('SPO2', facts({ spo2: { recordedOn: today, percent } }));
  it.each([
    [92, ['PASS']],
    [91, ['RELATIVE', 'SPO2_LOW']],
    [88, ['RELATIVE', 'SPO2_LOW']],
    [87, ['ABSOLUTE', 'SPO2_HYPOXIC']],
  ])('%p %% → %p', (percent, expected) => expect(spo2(percent)).toEqual(expected));
});

describe('weight today', () => {
  it.each([
    [20, ['PASS']],
    [19.9, ['ABSOLUTE', 'WEIGHT_IMPLAUSIBLE']],
    [350, ['PASS']],
    [350.1, ['ABSOLUTE', 'WEIGHT_IMPLAUSIBLE']],
  ])('%p kg → %p', (value, expected) =>
    expect(outcome('WEIGHT', facts({ weightKg: { recordedOn: today, value } }))).toEqual(expected),
  );
  it("the registration or screening weight is not today's", () => {
    expect(outcome('WEIGHT', facts({ weightKg: { recordedOn: '2026-11-30', value: 72 } }))).toEqual([
      'ABSOLUTE',
      'WEIGHT_NOT_RECORDED',
    ]);
  });
});

describe('pregnancy status today, where it applies', () => {
  it.each([
    ['no', ['PASS']],
    ['possible', ['ABSOLUTE', 'PREGNANCY_NOT_EXCLUDED']],
    ['yes', ['ABSOLUTE', 'PREGNANCY_NOT_EXCLUDED']],
  ] as const)('%p → %p', (status, expected) =>
    expect(outcome('PREGNANCY', facts({ pregnancy: { recordedOn: today, status } }))).toEqual(expected),
  );
  it('yesterday’s “no” does not hold today', () => {
    expect(outcome('PREGNANCY', facts({ pregnancy: { recordedOn: '2026-11-30', status: 'no' } }))).toEqual([
      'ABSOLUTE',
      'PREGNANCY_NOT_RECORDED',
    ]);
  });
  it('not asked when the patient cannot become pregnant', () => {
    expect(outcome('PREGNANCY', facts({ pregnancyApplies: false, pregnancy: undefined }))).toEqual(['PASS']);
  });
});

describe('fasting, as the protocol requires', () => {
  const fasting = { ...settings, infusion: { ...settings.infusion, fastingHours: { food: 6, clearFluids: 2 } } };
  const now = t0 + 10 * MIN;
  const ate = (foodHoursAgo: number, fluidsHoursAgo: number) =>
    facts({
      fasting: {
        recordedOn: today,
        lastFoodAtMs: now - foodHoursAgo * 60 * MIN,
        lastClearFluidsAtMs: now - fluidsHoursAgo * 60 * MIN,
      },
    });
  it('not required by default', () => expect(outcome('FASTING', facts())).toEqual(['PASS']));
  it('exactly the hours required is enough; a minute less is not', () => {
    expect(outcome('FASTING', ate(6, 2), fasting)).toEqual(['PASS']);
    expect(outcome('FASTING', ate(6 - 1 / 60, 2), fasting)).toEqual(['RELATIVE', 'FASTING_SHORT']);
    expect(check('FASTING', ate(6 - 1 / 60, 2), fasting).reasons[0].message).toBe(
      'Last food 5 h 59 min ago; the protocol asks for 6 h: a clinician decides',
    );
    expect(outcome('FASTING', ate(8, 1.5), fasting)).toEqual(['RELATIVE', 'FASTING_SHORT']);
  });
  it('not recorded blocks until it is', () => {
    expect(outcome('FASTING', facts(), fasting)).toEqual(['ABSOLUTE', 'FASTING_NOT_RECORDED']);
  });
});

describe('escort home and no driving', () => {
  it('no escort: a clinician decides', () => {
    expect(outcome('ESCORT_HOME', facts({ escortHome: { recordedOn: today, arranged: false } }))).toEqual([
      'RELATIVE',
      'NO_ESCORT',
    ]);
  });
  it('driving home: nothing lifts it', () => {
    expect(outcome('NO_DRIVING', facts({ drivingHome: { recordedOn: today, willDrive: true } }))).toEqual([
      'ABSOLUTE',
      'DRIVING_HOME',
    ]);
    expect(outcome('NO_DRIVING', facts({ drivingHome: undefined }))).toEqual(['ABSOLUTE', 'NO_DRIVING_NOT_RECORDED']);
  });
});

describe('checkInDecision', () => {
  const relative = facts({
    vitals: { recordedOn: today, first: reading(160, 95), recheck: reading(150, 92, 80, t0 + 5 * MIN) },
    escortHome: { recordedOn: today, arranged: false },
  });
  it('a clinician’s written override of the relative reasons it names clears the start', () => {
    const checks = checkInChecks(relative, settings);
    expect(checkInDecision(checks).allowed).toBe(false);
    const cleared = checkInDecision(checks, {
      by: 'dr-1',
      reason: 'Known treated hypertension, usual 150s; partner collects at 14:00',
      accepts: ['BP_ABOVE_REVIEW', 'NO_ESCORT'],
    });
    expect(cleared).toMatchObject({ allowed: true, standing: [] });
  });
  it('nothing overrides a positive pregnancy status', () => {
    const checks = checkInChecks(facts({ pregnancy: { recordedOn: today, status: 'possible' } }), settings);
    const decision = checkInDecision(checks, {
      by: 'dr-1',
      reason: 'Patient thinks it unlikely',
      accepts: ['PREGNANCY_NOT_EXCLUDED'],
    });
    expect(decision.allowed).toBe(false);
    expect(decision.standing.map((r) => r.code)).toEqual(['PREGNANCY_NOT_EXCLUDED']);
  });
});

describe('CHECK_IN_CODES', () => {
  it("lists each code once, including every check's not-recorded code", () => {
    expect(new Set(CHECK_IN_CODES).size).toBe(CHECK_IN_CODES.length);
    for (const c of DAY_OF_CHECKS) expect(CHECK_IN_CODES).toContain(`${c}_NOT_RECORDED`);
  });
  it('names every reason the checks give', () => {
    const fasting: CheckInSettings = {
      ...settings,
      infusion: { ...DEFAULT_INFUSION_SETTINGS, fastingHours: { food: 6, clearFluids: 2 } },
    };
    const given = [
      facts({ vitals: undefined, spo2: undefined, weightKg: undefined, pregnancy: undefined, escortHome: undefined }),
      facts({ vitals: { recordedOn: today, first: reading(160, 95, 110) } }),
      facts({ vitals: { recordedOn: today, first: reading(160, 95, 110), recheck: reading(150, 95, 110, t0 + MIN) } }),
      facts({ vitals: { recordedOn: today, first: reading(85, 60, 45), recheck: reading(85, 60, 45, t0 + 5 * MIN) } }),
      facts({ vitals: { recordedOn: today, first: reading(185, 112), recheck: reading(185, 112, 80, t0 + 5 * MIN) } }),
      facts({ spo2: { recordedOn: today, percent: 85 }, weightKg: { recordedOn: today, value: 900 } }),
      facts({ spo2: { recordedOn: today, percent: 90 }, pregnancy: { recordedOn: today, status: 'yes' } }),
      facts({
        escortHome: { recordedOn: today, arranged: false },
        drivingHome: { recordedOn: today, willDrive: true },
      }),
    ].flatMap((f) => checkInChecks(f, settings).flatMap((c) => c.reasons.map((r) => r.code)));
    const fastingCodes = [
      facts({ fasting: { recordedOn: today, lastFoodAtMs: t0 } }),
      facts({ fasting: { recordedOn: today, lastFoodAtMs: t0 - 12 * 60 * MIN, lastClearFluidsAtMs: t0 } }),
    ].flatMap((f) => checkInChecks(f, fasting).flatMap((c) => c.reasons.map((r) => r.code)));
    for (const code of [...given, ...fastingCodes]) expect(CHECK_IN_CODES).toContain(code);
  });
});
