import type { Answers } from './answers';
import { evaluateEligibility } from './eligibility';
import { ELIGIBILITY_RULES, classifyBloodPressure, type EligibilityInput } from './rules';
import { DEFAULT_SCREENING_SETTINGS, type ClinicScreeningSettings } from './settings';
import { SCREENING_TEMPLATES } from './templates';
import { allAnswers } from './test-factories';

const ON = '2026-03-15';
const evaluate = (overrides: Answers, extra: Partial<EligibilityInput> = {}, settings?: ClinicScreeningSettings) =>
  evaluateEligibility({ answers: allAnswers(overrides), assessedOn: ON, sex: 'FEMALE', ...extra }, settings);
const firing = (overrides: Answers, extra: Partial<EligibilityInput> = {}) =>
  evaluate(overrides, extra).reasons.map((r) => r.ruleId);

describe('evaluateEligibility', () => {
  it('finds an unremarkable patient eligible with no reasons', () => {
    expect(evaluate({})).toEqual({
      status: 'ELIGIBLE',
      reasons: [],
      suicidalityFlag: false,
      noSerialInfusionsWithoutOverride: false,
    });
  });

  it('is CONTRAINDICATED by any absolute reason, listing it first, even alongside relative ones', () => {
    const r = evaluate({ urinary_symptoms: true, pregnancy: 'yes' });
    expect(r.status).toBe('CONTRAINDICATED');
    expect(r.reasons.map((x) => [x.ruleId, x.severity])).toEqual([
      ['pregnancy', 'ABSOLUTE'],
      ['urinary-symptoms', 'RELATIVE'],
    ]);
  });

  it('is NEEDS_REVIEW with only relative reasons', () => {
    expect(evaluate({ raised_intraocular_pressure: true }).status).toBe('NEEDS_REVIEW');
  });

  it('gives every reason its rule, plain-language reason, severity, source and evidence', () => {
    const [reason] = evaluate({ liver_disease: 'moderate', alt: 88, ast: 61 }).reasons;
    expect(reason).toEqual({
      ruleId: 'liver-disease-moderate',
      reason: expect.stringMatching(/moderate liver disease/i),
      severity: 'RELATIVE',
      source: expect.stringContaining('Reg Anesth Pain Med 2018'),
      evidence: 'Liver disease recorded as moderate; ALT 88 U/L, AST 61 U/L',
    });
  });

  it('only fires on answers present: an empty input is eligible (completeness is checked on submission)', () => {
    expect(evaluateEligibility({ answers: {}, assessedOn: ON }).status).toBe('ELIGIBLE');
  });

  it('has unique rule ids, each citing a source, and reads only items the templates define', () => {
    const ruleIds = ELIGIBILITY_RULES.map((r) => r.id);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    for (const rule of ELIGIBILITY_RULES) expect(rule.source.length).toBeGreaterThan(20);
    // Every item a rule reads must exist: touch each rule with a proxy that records the ids read.
    const read = new Set<string>();
    const answers = new Proxy({} as Answers, {
      get: (_t, key) => (typeof key === 'string' && read.add(key), undefined),
    });
    for (const rule of ELIGIBILITY_RULES) rule.evaluate({ answers, assessedOn: ON }, DEFAULT_SCREENING_SETTINGS);
    const known = new Set(SCREENING_TEMPLATES.flatMap((t) => t.items.map((i) => i.id)));
    expect([...read].filter((id) => !known.has(id))).toEqual([]);
  });
});

describe('blood pressure (default limits: review above 140/90, block at 180/110 when confirmed)', () => {
  const bp = (s1: number, d1: number, s2: number, d2: number) => ({
    bp1_systolic: s1,
    bp1_diastolic: d1,
    bp2_systolic: s2,
    bp2_diastolic: d2,
  });
  const status = (answers: Answers) => evaluate(answers).status;

  it.each([
    [139, 'ELIGIBLE'],
    [140, 'ELIGIBLE'],
    [141, 'NEEDS_REVIEW'],
  ])('systolic %i on both readings → %s', (s, expected) => {
    expect(status(bp(s, 80, s, 80))).toBe(expected);
  });

  it.each([
    [89, 'ELIGIBLE'],
    [90, 'ELIGIBLE'],
    [91, 'NEEDS_REVIEW'],
  ])('diastolic %i on both readings → %s', (d, expected) => {
    expect(status(bp(120, d, 120, d))).toBe(expected);
  });

  it('reviews when only one reading is above the review limit', () => {
    expect(firing(bp(150, 80, 130, 80))).toEqual(['bp-above-review']);
  });

  it.each([
    [179, 'NEEDS_REVIEW', 'bp-above-review'],
    [180, 'CONTRAINDICATED', 'bp-block-confirmed'],
    [181, 'CONTRAINDICATED', 'bp-block-confirmed'],
  ])('systolic %i confirmed by the second reading → %s', (s, expected, rule) => {
    const r = evaluate(bp(s, 85, s, 85));
    expect(r.status).toBe(expected);
    expect(r.reasons.map((x) => x.ruleId)).toEqual([rule]);
  });

  it.each([
    [179, 'bp-above-review'],
    [180, 'bp-block-unconfirmed'],
    [181, 'bp-block-unconfirmed'],
  ])('systolic %i on the first reading only (second 150) → NEEDS_REVIEW via %s', (s, rule) => {
    const r = evaluate(bp(s, 85, 150, 85));
    expect(r.status).toBe('NEEDS_REVIEW');
    expect(r.reasons.map((x) => x.ruleId)).toEqual([rule]);
  });

  it('says "unconfirmed" when a single reading reaches the blocking limit', () => {
    const [reason] = evaluate(bp(130, 80, 185, 95)).reasons;
    expect(reason.reason).toMatch(/unconfirmed/);
    expect(reason.evidence).toBe(
      'reading 1 130/80, reading 2 185/95 mmHg; blocking limit 180/110 mmHg (clinic setting)',
    );
  });

  it('treats a high first reading with no second reading as unconfirmed', () => {
    expect(classifyBloodPressure({ bp1_systolic: 190, bp1_diastolic: 100 }, DEFAULT_SCREENING_SETTINGS)).toBe(
      'BLOCK_UNCONFIRMED',
    );
  });

  it.each([
    [109, 'NEEDS_REVIEW'],
    [110, 'CONTRAINDICATED'],
    [111, 'CONTRAINDICATED'],
  ])('diastolic %i confirmed → %s', (d, expected) => {
    expect(status(bp(150, d, 150, d))).toBe(expected);
  });

  it('confirms when each reading reaches the blocking limit by a different measure', () => {
    expect(status(bp(182, 95, 160, 112))).toBe('CONTRAINDICATED');
  });

  it('takes the limits from the clinic settings, not constants', () => {
    const strict: ClinicScreeningSettings = {
      bpReview: { systolic: 130, diastolic: 85 },
      bpBlock: { systolic: 160, diastolic: 100 },
      validityDays: 14,
    };
    expect(evaluate(bp(135, 80, 135, 80), {}, strict).status).toBe('NEEDS_REVIEW');
    expect(evaluate(bp(160, 80, 161, 80), {}, strict).status).toBe('CONTRAINDICATED');
    expect(evaluate(bp(160, 80, 161, 80)).status).toBe('NEEDS_REVIEW');
  });
});

describe('heart rate', () => {
  it.each([
    [99, []],
    [100, []],
    [101, ['resting-tachycardia']],
  ])('resting heart rate %i → %j', (hr, rules) => {
    expect(firing({ heart_rate: hr })).toEqual(rules);
  });

  it('uses the clinic limit when set', () => {
    const settings = { ...DEFAULT_SCREENING_SETTINGS, hrReview: 110 };
    expect(evaluate({ heart_rate: 105 }, {}, settings).status).toBe('ELIGIBLE');
  });
});

describe('cardiovascular disease', () => {
  it('blocks uncontrolled hypertension; controlled hypertension with an ECG is fine', () => {
    expect(evaluate({ hypertension: true, hypertension_controlled: false, ecg_on_file: true }).status).toBe(
      'CONTRAINDICATED',
    );
    expect(evaluate({ hypertension: true, hypertension_controlled: true, ecg_on_file: true }).status).toBe('ELIGIBLE');
  });

  it('blocks a reported myocardial infarction in the last 6 months', () => {
    expect(firing({ mi_within_6_months: true, ecg_on_file: true })).toEqual(['mi-within-6-months']);
  });

  it.each([
    ['2025-09-14', []], // 6 months and a day before 2026-03-15
    ['2025-09-15', ['mi-within-6-months']], // exactly 6 months before: within
    ['2025-09-16', ['mi-within-6-months']],
  ])('blocks by the date of the last MI: %s → %j', (date, rules) => {
    expect(firing({ mi_last_date: date })).toEqual(rules);
  });

  it('lets a recent MI date override a "no" to the 6-month question', () => {
    const [reason] = evaluate({ mi_within_6_months: false, mi_last_date: '2026-01-10' }).reasons;
    expect(reason.evidence).toBe('Last myocardial infarction on 2026-01-10, within 6 months of 2026-03-15');
  });

  it('blocks decompensated heart failure, unstable angina, uncontrolled arrhythmia and unrepaired aneurysm', () => {
    expect(firing({ heart_failure: true, heart_failure_decompensated: true, ecg_on_file: true })).toEqual([
      'heart-failure-decompensated',
    ]);
    expect(firing({ coronary_artery_disease: true, angina_unstable: true, ecg_on_file: true })).toEqual([
      'angina-unstable',
    ]);
    expect(firing({ arrhythmia: true, arrhythmia_controlled: false, ecg_on_file: true })).toEqual([
      'arrhythmia-uncontrolled',
    ]);
    expect(firing({ aneurysm_unrepaired: true, ecg_on_file: true })).toEqual(['aneurysm-unrepaired']);
  });

  it('passes compensated, controlled disease with an ECG on file', () => {
    const r = evaluate({
      heart_failure: true,
      heart_failure_decompensated: false,
      coronary_artery_disease: true,
      angina_unstable: false,
      arrhythmia: true,
      arrhythmia_controlled: true,
      stroke_or_tia: true,
      ecg_on_file: true,
    });
    expect(r.status).toBe('ELIGIBLE');
  });

  it('reviews cardiovascular disease without an ECG on file', () => {
    expect(firing({ stroke_or_tia: true, ecg_on_file: false })).toEqual(['ecg-missing-at-cardiovascular-risk']);
  });
});

describe('psychiatric', () => {
  it('blocks active psychosis and reviews a history in remission', () => {
    expect(evaluate({ psychosis_history: true, psychosis_active: true }).status).toBe('CONTRAINDICATED');
    expect(firing({ psychosis_history: true, psychosis_active: false })).toEqual(['psychosis-history']);
  });

  it('reviews bipolar disorder without a mood stabiliser, and not with one', () => {
    expect(firing({ bipolar: true, mood_stabiliser: false })).toEqual(['bipolar-without-mood-stabiliser']);
    expect(firing({ bipolar: true, mood_stabiliser: true })).toEqual([]);
  });

  it('reviews active substance misuse and marks no serial infusions without override', () => {
    for (const answer of [{ substance_use_disorder_current: true }, { drug_use_12_months: true }]) {
      const r = evaluate(answer);
      expect(r.status).toBe('NEEDS_REVIEW');
      expect(r.reasons.map((x) => x.ruleId)).toEqual(['substance-misuse-active']);
      expect(r.noSerialInfusionsWithoutOverride).toBe(true);
    }
  });

  it('reviews a positive AUDIT-C at the sex-specific cut-off, without the serial-infusion marker', () => {
    const three = { auditc: { q1: 3, q2: 0, q3: 0 } };
    expect(firing(three, { sex: 'MALE' })).toEqual([]);
    expect(firing(three, { sex: 'FEMALE' })).toEqual(['alcohol-screen-positive']);
    const unknown = evaluate(three, { sex: undefined });
    expect(unknown.reasons[0].evidence).toMatch(/more cautious/);
    expect(unknown.noSerialInfusionsWithoutOverride).toBe(false);
    expect(firing({ auditc: { q1: 3, q2: 1, q3: 0 } }, { sex: 'MALE' })).toEqual(['alcohol-screen-positive']);
  });

  it('does not call an incomplete AUDIT-C negative or positive', () => {
    expect(firing({ auditc: { q1: 4 } })).toEqual([]);
  });
});

describe('suicidality', () => {
  it.each([0, 1, 2, 3])('PHQ-9 item 9 = %i', (value) => {
    const r = evaluate({ phq9: { q1: 0, q2: 0, q3: 0, q4: 0, q5: 0, q6: 0, q7: 0, q8: 0, q9: value } });
    expect(r.suicidalityFlag).toBe(value > 0);
    expect(r.status).toBe(value > 0 ? 'NEEDS_REVIEW' : 'ELIGIBLE');
    if (value > 0) expect(r.reasons[0].evidence).toBe(`PHQ-9 item 9 = ${value}`);
  });

  it('reviews and flags any positive C-SSRS answer at low or moderate risk', () => {
    for (const cssrs of [
      { q1: true, q2: false, q6: false },
      { q1: true, q2: true, q3: true, q4: false, q5: false, q6: false },
      { q1: false, q2: false, q6: true, q6_recent: false },
    ]) {
      const r = evaluate({ cssrs });
      expect(r).toMatchObject({ status: 'NEEDS_REVIEW', suicidalityFlag: true });
      expect(r.reasons.map((x) => x.ruleId)).toEqual(['suicidality-positive']);
    }
  });

  it('blocks HIGH C-SSRS risk until a new screening after mental-health assessment', () => {
    for (const cssrs of [
      { q1: true, q2: true, q3: false, q4: true, q5: false, q6: false },
      { q1: true, q2: true, q3: true, q4: false, q5: true, q6: false },
      { q1: false, q2: false, q6: true, q6_recent: true },
    ]) {
      const r = evaluate({ cssrs });
      expect(r).toMatchObject({ status: 'CONTRAINDICATED', suicidalityFlag: true });
      expect(r.reasons.map((x) => x.ruleId)).toEqual(['suicide-risk-high', 'suicidality-positive']);
    }
  });

  it('names the positive answers in the evidence', () => {
    const r = evaluate({ cssrs: { q1: true, q2: true, q3: true, q4: false, q5: false, q6: false }, phq9: { q9: 1 } });
    expect(r.reasons[0].evidence).toBe('C-SSRS yes to Q1, Q2, Q3 (risk MODERATE); PHQ-9 item 9 = 1');
  });

  it('raises no flag for an all-no C-SSRS', () => {
    expect(evaluate({ cssrs: { q1: false, q2: false, q6: false } }).suicidalityFlag).toBe(false);
  });
});

describe('general', () => {
  it.each([
    ['yes', 'CONTRAINDICATED'],
    ['possible', 'CONTRAINDICATED'],
    ['no', 'ELIGIBLE'],
    ['not_applicable', 'ELIGIBLE'],
  ])('pregnancy %s → %s', (pregnancy, expected) => {
    expect(evaluate({ pregnancy }).status).toBe(expected);
  });

  it.each([
    ['none', 'ELIGIBLE'],
    ['moderate', 'NEEDS_REVIEW'],
    ['severe', 'CONTRAINDICATED'],
  ])('liver disease %s → %s', (liver_disease, expected) => {
    expect(evaluate({ liver_disease }).status).toBe(expected);
  });

  it('reviews raised intracranial or intraocular pressure', () => {
    expect(firing({ raised_intracranial_pressure: true })).toEqual(['raised-intracranial-pressure']);
    expect(firing({ raised_intraocular_pressure: true })).toEqual(['raised-intraocular-pressure']);
  });

  it('reviews baseline urinary symptoms', () => {
    expect(firing({ urinary_symptoms: true })).toEqual(['urinary-symptoms']);
  });

  it('reviews interacting medications, naming them', () => {
    const r = evaluate({ takes_maoi: true, takes_lamotrigine: true });
    expect(r.reasons.map((x) => [x.ruleId, x.evidence])).toEqual([
      ['interacting-medications', 'Takes MAO inhibitor, lamotrigine'],
    ]);
  });
});
