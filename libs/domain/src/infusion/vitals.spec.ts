import fc from 'fast-check';
import { DEFAULT_INFUSION_SETTINGS, settingsForProtocol } from './settings';
import {
  adverseEventDrafts,
  hypertensionGradeByReading,
  vitalsAlerts,
  vitalsDue,
  vitalsReadingProblems,
  type VitalsReading,
} from './vitals';

const MIN = 60_000;
const t0 = Date.UTC(2026, 11, 1, 9, 0);
const settings = DEFAULT_INFUSION_SETTINGS;
// A calm reading: no limit crossed.
const calm: VitalsReading = {
  atMs: t0,
  systolic: 130,
  diastolic: 80,
  heartRate: 80,
  spo2: 97,
  respiratoryRate: 14,
  rass: 0,
  dissociation: 1,
};
const alertCodes = (change: Partial<VitalsReading>, previous?: Partial<VitalsReading>) =>
  vitalsAlerts({ ...calm, ...change }, previous ? { ...calm, ...previous } : undefined, settings).map((a) => a.code);

describe('vitals alert thresholds: a crossing is strictly beyond the limit ("SBP <90 or >180")', () => {
  it('a calm reading raises nothing', () => expect(alertCodes({})).toEqual([]));
  it.each([
    ['systolic', 180, 181, 'BP_HIGH'],
    ['diastolic', 110, 111, 'BP_HIGH'],
    ['heartRate', 120, 121, 'HEART_RATE_HIGH'],
    ['respiratoryRate', 30, 31, 'RESPIRATORY_RATE_HIGH'],
    ['rass', 1, 2, 'AGITATION'],
    ['dissociation', 2, 3, 'DISSOCIATION_SEVERE'],
  ] as const)('%s: %p is not a crossing, %p is', (sign, at, beyond, code) => {
    expect(alertCodes({ [sign]: at - 1 })).toEqual([]);
    expect(alertCodes({ [sign]: at })).toEqual([]);
    expect(alertCodes({ [sign]: beyond })).toEqual([code]);
  });
  it.each([
    ['systolic', 90, 89, 'BP_LOW'],
    ['heartRate', 50, 49, 'HEART_RATE_LOW'],
    ['spo2', 92, 91, 'SPO2_LOW'],
    ['respiratoryRate', 10, 9, 'RESPIRATORY_RATE_LOW'],
    ['rass', -2, -3, 'SEDATION_DEEP'],
  ] as const)('%s: %p is not a crossing, %p is', (sign, at, beyond, code) => {
    expect(alertCodes({ [sign]: at + 1 })).toEqual([]);
    expect(alertCodes({ [sign]: at })).toEqual([]);
    expect(alertCodes({ [sign]: beyond })).toEqual([code]);
  });
  it('a part reading is judged on what it has', () => {
    expect(vitalsAlerts({ atMs: t0, systolic: 185, diastolic: 95 }, undefined, settings).map((a) => a.code)).toEqual([
      'BP_HIGH',
    ]);
  });
});

describe('suggested actions and adverse-event drafts', () => {
  it('a first BP above 180/110 asks for a recheck in 5 min and drafts a hypertension event, grade 3 by its numbers', () => {
    expect(vitalsAlerts({ ...calm, systolic: 185 }, calm, settings)).toEqual([
      {
        code: 'BP_HIGH',
        ruleId: 'vitals.bp-high',
        message: 'Blood pressure 185/80 mmHg is above 180/110',
        actions: ['RECHECK'],
        recheckInMinutes: 5,
        draftsAdverseEvent: true,
        suggestedTerm: 'hypertension',
        suggestedGrade: 3,
      },
    ]);
  });
  it('confirmed on the next reading: pause and call the clinician, without a second draft', () => {
    const [alert] = vitalsAlerts({ ...calm, systolic: 184 }, { ...calm, systolic: 185 }, settings);
    expect(alert).toMatchObject({ actions: ['PAUSE', 'CALL_CLINICIAN'], draftsAdverseEvent: false });
    expect(alert.message).toBe('Blood pressure 184/80 mmHg is above 180/110, again');
  });
  it('above 200/120 once: pause and call at once (200 and 120 themselves wait for the recheck)', () => {
    expect(vitalsAlerts({ ...calm, systolic: 201 }, undefined, settings)[0].actions).toEqual([
      'PAUSE',
      'CALL_CLINICIAN',
    ]);
    expect(vitalsAlerts({ ...calm, diastolic: 121 }, undefined, settings)[0].actions).toEqual([
      'PAUSE',
      'CALL_CLINICIAN',
    ]);
    expect(vitalsAlerts({ ...calm, systolic: 200 }, undefined, settings)[0].actions).toEqual(['RECHECK']);
    expect(vitalsAlerts({ ...calm, diastolic: 120 }, undefined, settings)[0].actions).toEqual(['RECHECK']);
  });
  it('a heart rate above 120 asks for a recheck; sustained, slow the infusion', () => {
    expect(vitalsAlerts({ ...calm, heartRate: 125 }, undefined, settings)[0].actions).toEqual(['RECHECK']);
    expect(vitalsAlerts({ ...calm, heartRate: 125 }, { ...calm, heartRate: 130 }, settings)[0].actions).toEqual([
      'SLOW',
      'CALL_CLINICIAN',
    ]);
  });
  it('slow breathing or deep sedation: stop and call', () => {
    expect(vitalsAlerts({ ...calm, respiratoryRate: 8 }, undefined, settings)[0].actions).toEqual([
      'STOP',
      'CALL_CLINICIAN',
    ]);
    expect(vitalsAlerts({ ...calm, rass: -4 }, undefined, settings)[0]).toMatchObject({
      actions: ['STOP', 'CALL_CLINICIAN'],
      suggestedTerm: 'depressed_consciousness',
    });
  });
  it('SpO2 below 88 % suggests hypoxia grade 3 (CTCAE "at rest … <88%"); 88 itself suggests no grade', () => {
    expect(vitalsAlerts({ ...calm, spo2: 87 }, undefined, settings)[0]).toMatchObject({
      suggestedTerm: 'hypoxia',
      suggestedGrade: 3,
    });
    expect(vitalsAlerts({ ...calm, spo2: 88 }, undefined, settings)[0].suggestedGrade).toBeUndefined();
  });
});

describe('which crossing drafts which CTCAE term and grade', () => {
  const first = (change: Partial<VitalsReading>) => vitalsAlerts({ ...calm, ...change }, undefined, settings);
  it.each([
    [{ systolic: 181 }, 'BP_HIGH', 'hypertension', 3],
    [{ systolic: 130, diastolic: 111 }, 'BP_HIGH', 'hypertension', 3],
    [{ systolic: 89, diastolic: 60 }, 'BP_LOW', 'hypotension', undefined],
    [{ heartRate: 121 }, 'HEART_RATE_HIGH', 'sinus_tachycardia', undefined],
    [{ heartRate: 49 }, 'HEART_RATE_LOW', 'sinus_bradycardia', undefined],
    [{ spo2: 91 }, 'SPO2_LOW', 'hypoxia', undefined],
    [{ spo2: 87 }, 'SPO2_LOW', 'hypoxia', 3],
    [{ respiratoryRate: 9 }, 'RESPIRATORY_RATE_LOW', 'depressed_consciousness', undefined],
    [{ respiratoryRate: 31 }, 'RESPIRATORY_RATE_HIGH', 'other', undefined],
    [{ rass: -3 }, 'SEDATION_DEEP', 'depressed_consciousness', undefined],
    [{ rass: 2 }, 'AGITATION', 'agitation', undefined],
    [{ dissociation: 3 }, 'DISSOCIATION_SEVERE', 'other', undefined],
  ] as const)('%p raises %s and drafts %s at grade %p', (change, code, term, grade) => {
    const alerts = first(change);
    expect(alerts.map((a) => a.code)).toEqual([code]);
    const [draft] = adverseEventDrafts(alerts);
    expect(draft.term).toBe(term);
    expect(draft.grade).toBe(grade);
  });
  it('a low systolic with its diastolic still raised drafts both events', () => {
    expect(adverseEventDrafts(first({ systolic: 89, diastolic: 111 })).map((d) => d.term)).toEqual([
      'hypertension',
      'hypotension',
    ]);
  });
  it('one draft per term: slow breathing and deep sedation are one depressed-consciousness event', () => {
    expect(adverseEventDrafts(first({ respiratoryRate: 8, rass: -4 }))).toEqual([
      { term: 'depressed_consciousness', codes: ['RESPIRATORY_RATE_LOW', 'SEDATION_DEEP'] },
    ]);
  });
  it('each "other" is its own draft, described in the alert\'s words', () => {
    expect(adverseEventDrafts(first({ respiratoryRate: 31, dissociation: 3 }))).toEqual([
      {
        term: 'other',
        description: 'Respiratory rate 31/min is above 30',
        codes: ['RESPIRATORY_RATE_HIGH'],
      },
      { term: 'other', description: 'Dissociation rated 3 of 3, above 2', codes: ['DISSOCIATION_SEVERE'] },
    ]);
  });
  it('a repeat crossing drafts nothing: the episode already has its event', () => {
    expect(
      adverseEventDrafts(vitalsAlerts({ ...calm, heartRate: 125 }, { ...calm, heartRate: 130 }, settings)),
    ).toEqual([]);
  });
});

describe('CTCAE hypertension grade by the numbers', () => {
  it.each([
    [119, 79, undefined],
    [120, 70, 1],
    [139, 89, 1],
    [110, 80, 1],
    [140, 70, 2],
    [159, 99, 2],
    [120, 90, 2],
    [160, 70, 3],
    [130, 100, 3],
  ])('%p/%p → %p', (s, d, grade) => expect(hypertensionGradeByReading(s, d)).toBe(grade));
});

describe('per-protocol thresholds', () => {
  it('override the clinic field by field', () => {
    const merged = settingsForProtocol(DEFAULT_INFUSION_SETTINGS, {
      thresholds: { systolicAbove: 160 },
      vitalsIntervalMinutes: 30,
    });
    expect(merged.thresholds).toMatchObject({ systolicAbove: 160, diastolicAbove: 110, heartRateAbove: 120 });
    expect(merged.vitalsIntervalMinutes).toBe(30);
    expect(vitalsAlerts({ ...calm, systolic: 161 }, undefined, merged).map((a) => a.code)).toEqual(['BP_HIGH']);
    expect(settingsForProtocol(DEFAULT_INFUSION_SETTINGS, { vitalsIntervalMinutes: null }).vitalsIntervalMinutes).toBe(
      15,
    );
  });
});

describe('vitalsDue (15 min interval)', () => {
  const due = (readings: VitalsReading[], nowMs: number) =>
    vitalsDue({ startedAtMs: t0, readings, intervalMinutes: 15 }, nowMs, settings);
  it('the first reading is due at the start', () => {
    expect(due([], t0)).toEqual({ dueAtMs: t0, overdue: false });
    expect(due([], t0 + 1)).toEqual({ dueAtMs: t0, overdue: true });
  });
  it('then 15 min after the last: due at 15:00 is not overdue, 15:00 and a millisecond is', () => {
    const readings = [calm, { ...calm, atMs: t0 + 15 * MIN }];
    expect(due(readings, t0 + 30 * MIN)).toEqual({ dueAtMs: t0 + 30 * MIN, overdue: false });
    expect(due(readings, t0 + 30 * MIN + 1).overdue).toBe(true);
  });
  it('readings entered out of order are sorted by when they were taken', () => {
    expect(due([{ ...calm, atMs: t0 + 15 * MIN }, calm], t0).dueAtMs).toBe(t0 + 30 * MIN);
  });
  it('a reading that asks for a recheck brings the next one forward to 5 min', () => {
    expect(due([{ ...calm, systolic: 190 }], t0).dueAtMs).toBe(t0 + 5 * MIN);
  });
  it('a grace period delays overdue', () => {
    const graced = { ...settings, vitalsGraceMinutes: 2 };
    const r = vitalsDue({ startedAtMs: t0, readings: [calm], intervalMinutes: 15 }, t0 + 17 * MIN, graced);
    expect(r.overdue).toBe(false);
  });
});

describe('vitalsReadingProblems', () => {
  it('accepts a full reading and a part one', () => {
    expect(vitalsReadingProblems(calm)).toEqual([]);
    expect(vitalsReadingProblems({ atMs: t0, spo2: 95 })).toEqual([]);
  });
  it('names the field and the entry range', () => {
    expect(vitalsReadingProblems({ atMs: t0, systolic: 301, diastolic: 80, spo2: 100.5, rass: 5 })).toEqual([
      { field: 'systolic', rule: 'entryRange', problem: 'must be a whole number from 50 to 300' },
      { field: 'spo2', rule: 'entryRange', problem: 'must be a whole number from 0 to 100' },
      { field: 'rass', rule: 'entryRange', problem: 'must be a whole number from -5 to 4' },
    ]);
    expect(vitalsReadingProblems({ atMs: t0 })).toEqual([
      { field: 'atMs', rule: 'atLeastOneSign', problem: 'a reading records at least one vital sign' },
    ]);
    expect(vitalsReadingProblems({ atMs: t0, systolic: 120 })).toEqual([
      {
        field: 'diastolic',
        rule: 'bloodPressurePair',
        problem: 'blood pressure is recorded as systolic and diastolic together',
      },
    ]);
  });

  it('refuses a diastolic at or above the systolic, and accepts one just below it', () => {
    expect(vitalsReadingProblems({ atMs: t0, systolic: 120, diastolic: 119 })).toEqual([]);
    for (const diastolic of [120, 121]) {
      expect(vitalsReadingProblems({ atMs: t0, systolic: 120, diastolic })).toEqual([
        expect.objectContaining({ field: 'diastolic', rule: 'diastolicBelowSystolic' }),
      ]);
    }
    // An out-of-range systolic is reported as such, not as a pair problem.
    expect(vitalsReadingProblems({ atMs: t0, systolic: 301, diastolic: 80 }).map((p) => p.rule)).toEqual([
      'entryRange',
    ]);
  });

  it('refuses a reading taken later than now beyond 5 minutes of tablet clock drift', () => {
    expect(vitalsReadingProblems({ atMs: t0 + 5 * MIN, spo2: 95 }, t0)).toEqual([]);
    expect(vitalsReadingProblems({ atMs: t0 + 5 * MIN + 1, spo2: 95 }, t0)).toEqual([
      { field: 'atMs', rule: 'notInFuture', problem: 'cannot be later than now' },
    ]);
  });
});

describe('properties', () => {
  it('a value further beyond a limit than a crossing one crosses too, with the same code', () => {
    const signs = [
      ['systolic', 50, 300],
      ['diastolic', 20, 200],
      ['heartRate', 20, 250],
      ['spo2', 0, 100],
      ['respiratoryRate', 0, 99],
      ['rass', -5, 4],
      ['dissociation', 0, 3],
    ] as const;
    for (const [sign, min, max] of signs) {
      fc.assert(
        fc.property(fc.integer({ min, max }), fc.integer({ min, max }), (a, b) => {
          const codesAt = (v: number) => new Set(alertCodes({ [sign]: v }));
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const mid = calm[sign] ?? 0;
          // Moving away from the calm value never clears an alert.
          const [near, far] = hi <= mid ? [hi, lo] : lo >= mid ? [lo, hi] : [mid, mid];
          return [...codesAt(near)].every((code) => codesAt(far).has(code));
        }),
      );
    }
  });
});
