import { INSTRUMENTS } from './instruments';
import {
  CARDIOVASCULAR_V1,
  GENERAL_V1,
  PSYCHIATRIC_V1,
  SCREENING_TEMPLATES,
  conditionHolds,
  dayOnlyItems,
  isRequired,
  templateFor,
  type Condition,
  type TemplateItem,
} from './templates';
import { cardiovascularAnswers, generalAnswers, psychiatricAnswers } from './test-factories';
import { validateAnswers } from './validate-answers';
import { scoreScreeningInstruments } from './score-screening';

const ids = (errors: { itemId: string; rule: string }[]) => errors.map((e) => `${e.itemId}:${e.rule}`);

describe('checklist templates v1', () => {
  it('has one version-1 template per kind with unique keys', () => {
    expect(SCREENING_TEMPLATES.map((t) => [t.kind, t.key, t.version])).toEqual([
      ['CARDIOVASCULAR', 'cardiovascular', 1],
      ['PSYCHIATRIC', 'psychiatric', 1],
      ['GENERAL', 'general', 1],
    ]);
    expect(templateFor('GENERAL')).toBe(GENERAL_V1);
  });

  it('uses item ids that are unique across all templates, so answers can be merged', () => {
    const all = SCREENING_TEMPLATES.flatMap((t) => t.items.map((i) => i.id));
    expect(new Set(all).size).toBe(all.length);
  });

  it('only conditions on items that exist in the same template', () => {
    const referenced = (c: Condition): string[] => ('anyOf' in c ? c.anyOf.flatMap(referenced) : [c.itemId]);
    for (const template of SCREENING_TEMPLATES) {
      const own = new Set(template.items.map((i) => i.id));
      for (const item of template.items) {
        for (const ref of item.requiredWhen ? referenced(item.requiredWhen) : []) expect(own.has(ref)).toBe(true);
      }
    }
  });

  it('embeds only known instruments', () => {
    const embedded = SCREENING_TEMPLATES.flatMap((t) => t.items).filter(
      (i): i is Extract<TemplateItem, { type: 'instrument' }> => i.type === 'instrument',
    );
    expect(embedded.map((i) => i.instrument).sort()).toEqual(['AUDITC', 'CSSRS_SCREEN', 'GAD7', 'PHQ9']);
    for (const i of embedded) expect(INSTRUMENTS[i.instrument]).toBeDefined();
  });

  it('records blood pressure twice, in mmHg, as whole numbers', () => {
    const bp = CARDIOVASCULAR_V1.items.filter((i) => i.id.startsWith('bp'));
    expect(bp.map((i) => i.id)).toEqual(['bp1_systolic', 'bp1_diastolic', 'bp2_systolic', 'bp2_diastolic']);
    for (const i of bp) expect(i).toMatchObject({ type: 'number', unit: 'mmHg', integer: true });
  });

  it('asks whether hypertension is controlled only of patients with hypertension', () => {
    const item = CARDIOVASCULAR_V1.items.find((i) => i.id === 'hypertension_controlled')!;
    expect(isRequired(item, { hypertension: true })).toBe(true);
    expect(isRequired(item, { hypertension: false })).toBe(false);
  });

  it('requires an ECG answer when any cardiovascular disease is present', () => {
    const ecg = CARDIOVASCULAR_V1.items.find((i) => i.id === 'ecg_on_file')!;
    expect(isRequired(ecg, cardiovascularAnswers())).toBe(false);
    for (const risk of [
      'hypertension',
      'coronary_artery_disease',
      'mi_within_6_months',
      'heart_failure',
      'arrhythmia',
      'stroke_or_tia',
      'aneurysm_unrepaired',
    ]) {
      expect(isRequired(ecg, cardiovascularAnswers({ [risk]: true }))).toBe(true);
    }
  });

  it('requires liver tests with moderate or severe liver disease only', () => {
    const alt = GENERAL_V1.items.find((i) => i.id === 'alt')!;
    expect(isRequired(alt, { liver_disease: 'none' })).toBe(false);
    expect(isRequired(alt, { liver_disease: 'moderate' })).toBe(true);
    expect(isRequired(alt, { liver_disease: 'severe' })).toBe(true);
  });

  it('evaluates conditions', () => {
    expect(conditionHolds({ itemId: 'a', equals: true }, { a: true })).toBe(true);
    expect(conditionHolds({ itemId: 'a', equals: true }, {})).toBe(false);
    expect(conditionHolds({ itemId: 'a', oneOf: ['x', 'y'] }, { a: 'y' })).toBe(true);
    expect(
      conditionHolds(
        {
          anyOf: [
            { itemId: 'a', equals: 1 },
            { itemId: 'b', equals: 2 },
          ],
        },
        { b: 2 },
      ),
    ).toBe(true);
  });

  it('marks pregnancy status as holding only on the day it is recorded', () => {
    expect(dayOnlyItems(GENERAL_V1, generalAnswers(), '2026-03-01')).toEqual([
      { itemId: 'pregnancy', label: 'pregnancy status', recordedOn: '2026-03-01' },
    ]);
    expect(dayOnlyItems(GENERAL_V1, generalAnswers({ pregnancy: 'not_applicable' }), '2026-03-01')).toEqual([]);
    expect(dayOnlyItems(GENERAL_V1, generalAnswers({ pregnancy: undefined }), '2026-03-01')).toEqual([]);
  });
});

describe('validateAnswers', () => {
  it('refuses a diastolic at or above its systolic, reading by reading, and accepts one just below', () => {
    const at = (systolic: number, diastolic: number) =>
      validateAnswers(
        CARDIOVASCULAR_V1,
        { ...cardiovascularAnswers(), bp2_systolic: systolic, bp2_diastolic: diastolic },
        {
          partial: true,
        },
      );
    expect(at(190, 115)).toEqual([]);
    expect(at(120, 119)).toEqual([]);
    for (const diastolic of [120, 150]) {
      const errors = at(120, diastolic);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ itemId: 'bp2_diastolic', rule: 'pair' });
      expect(errors[0].message).toContain(`diastolic (${diastolic} mmHg) must be lower than the systolic (120 mmHg)`);
    }
    // An out-of-range value gets its range message alone.
    expect(at(40, 80).map((e) => e.rule)).toEqual(['range']);
  });
  it('accepts complete, well-formed answers for each template', () => {
    expect(validateAnswers(CARDIOVASCULAR_V1, cardiovascularAnswers(), { partial: false })).toEqual([]);
    expect(validateAnswers(PSYCHIATRIC_V1, psychiatricAnswers(), { partial: false })).toEqual([]);
    expect(validateAnswers(GENERAL_V1, generalAnswers(), { partial: false })).toEqual([]);
  });

  it('reports unknown item ids', () => {
    const errors = validateAnswers(GENERAL_V1, { ...generalAnswers(), shoe_size: 9 }, { partial: true });
    expect(ids(errors)).toEqual(['shoe_size:unknown_item']);
  });

  it('reports wrong types', () => {
    const errors = validateAnswers(
      GENERAL_V1,
      { raised_intracranial_pressure: 'no', weight_kg: '70', pregnancy: false, allergies: 3, auditc: 1 },
      { partial: true },
    );
    expect(ids(errors)).toEqual([
      'auditc:unknown_item', // an instrument of the psychiatric checklist, not the general one
      'pregnancy:type',
      'raised_intracranial_pressure:type',
      'allergies:type',
      'weight_kg:type',
    ]);
  });

  it('reports numbers out of range, at the boundary and either side', () => {
    const check = (v: number) => ids(validateAnswers(GENERAL_V1, { weight_kg: v }, { partial: true }));
    expect(check(19.9)).toEqual(['weight_kg:range']);
    expect(check(20)).toEqual([]);
    expect(check(350)).toEqual([]);
    expect(check(350.1)).toEqual(['weight_kg:range']);
  });

  it('requires whole numbers where the item says so', () => {
    expect(ids(validateAnswers(CARDIOVASCULAR_V1, { bp1_systolic: 120.5 }, { partial: true }))).toEqual([
      'bp1_systolic:integer',
    ]);
    expect(validateAnswers(GENERAL_V1, { weight_kg: 70.4 }, { partial: true })).toEqual([]);
  });

  it('reports a choice that is not an option', () => {
    expect(ids(validateAnswers(GENERAL_V1, { liver_disease: 'mild' }, { partial: true }))).toEqual([
      'liver_disease:option',
    ]);
  });

  it('reports a malformed or impossible date', () => {
    expect(ids(validateAnswers(CARDIOVASCULAR_V1, { mi_last_date: '2025-02-30' }, { partial: true }))).toEqual([
      'mi_last_date:date',
    ]);
    expect(ids(validateAnswers(CARDIOVASCULAR_V1, { mi_last_date: '12/01/2025' }, { partial: true }))).toEqual([
      'mi_last_date:date',
    ]);
    expect(validateAnswers(CARDIOVASCULAR_V1, { mi_last_date: '2025-01-12' }, { partial: true })).toEqual([]);
  });

  it('reports text over its maximum length', () => {
    expect(validateAnswers(GENERAL_V1, { allergies: 'x'.repeat(500) }, { partial: true })).toEqual([]);
    expect(ids(validateAnswers(GENERAL_V1, { allergies: 'x'.repeat(501) }, { partial: true }))).toEqual([
      'allergies:max_length',
    ]);
  });

  it('lets a draft be incomplete but requires every item on submission', () => {
    expect(validateAnswers(GENERAL_V1, {}, { partial: true })).toEqual([]);
    const errors = validateAnswers(GENERAL_V1, {}, { partial: false });
    expect(errors.every((e) => e.rule === 'required')).toBe(true);
    expect(errors.map((e) => e.itemId)).toEqual([
      'pregnancy',
      'liver_disease',
      'raised_intracranial_pressure',
      'raised_intraocular_pressure',
      'urinary_symptoms',
      'allergies',
      'takes_benzodiazepine',
      'takes_lamotrigine',
      'takes_maoi',
      'weight_kg',
    ]);
  });

  it('requires a follow-up only when its condition holds', () => {
    const submit = (a: Record<string, unknown>) => ids(validateAnswers(CARDIOVASCULAR_V1, a, { partial: false }));
    expect(submit(cardiovascularAnswers({ hypertension: true }))).toEqual([
      'hypertension_controlled:required',
      'ecg_on_file:required',
    ]);
    expect(
      submit(cardiovascularAnswers({ hypertension: true, hypertension_controlled: true, ecg_on_file: true })),
    ).toEqual([]);
    expect(ids(validateAnswers(GENERAL_V1, generalAnswers({ liver_disease: 'moderate' }), { partial: false }))).toEqual(
      ['alt:required', 'ast:required'],
    );
  });

  it('treats an empty string as unanswered', () => {
    expect(ids(validateAnswers(GENERAL_V1, generalAnswers({ allergies: '' }), { partial: false }))).toEqual([
      'allergies:required',
    ]);
  });

  it('checks items inside an embedded instrument, naming them by path', () => {
    const errors = validateAnswers(PSYCHIATRIC_V1, { phq9: { q1: 4, q10: 1 } }, { partial: true });
    expect(ids(errors)).toEqual(['phq9.q1:option', 'phq9.q10:unknown_item']);
  });

  it('requires every asked instrument item on submission, honouring skip logic', () => {
    const submit = (cssrs: Record<string, boolean>) =>
      ids(validateAnswers(PSYCHIATRIC_V1, psychiatricAnswers({ cssrs }), { partial: false }));
    expect(submit({ q1: false, q2: false, q6: false })).toEqual([]);
    expect(submit({ q1: true, q2: true, q6: false })).toEqual([
      'cssrs.q3:required',
      'cssrs.q4:required',
      'cssrs.q5:required',
    ]);
    expect(submit({ q1: false, q2: false, q6: true })).toEqual(['cssrs.q6_recent:required']);
  });
});

describe('scoreScreeningInstruments', () => {
  it('scores each embedded instrument by its item id, with sex for AUDIT-C', () => {
    const scores = scoreScreeningInstruments(PSYCHIATRIC_V1, psychiatricAnswers({ auditc: { q1: 3, q2: 0, q3: 0 } }), {
      sex: 'FEMALE',
    });
    expect(Object.keys(scores).sort()).toEqual(['auditc', 'cssrs', 'gad7', 'phq9']);
    expect(scores.phq9).toMatchObject({ score: 7, band: 'MILD' });
    expect(scores.gad7).toMatchObject({ score: 3, band: 'MINIMAL' });
    expect(scores.auditc).toMatchObject({ score: 3, band: 'POSITIVE' });
    expect(scores.cssrs).toMatchObject({ complete: true, band: 'NONE' });
  });

  it('reports an unanswered instrument as incomplete, not zero', () => {
    const scores = scoreScreeningInstruments(PSYCHIATRIC_V1, {});
    expect(scores.phq9.complete).toBe(false);
    expect(scores.phq9.score).toBeUndefined();
  });
});
