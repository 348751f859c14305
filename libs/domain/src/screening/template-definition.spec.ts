import { CARDIOVASCULAR_V1, GENERAL_V1, PSYCHIATRIC_V1, SCREENING_TEMPLATES } from './templates';
import { validateTemplateDefinition } from './template-definition';

const itemsOf = (template: { items: readonly unknown[] }) =>
  JSON.parse(JSON.stringify(template.items)) as Record<string, unknown>[];
const general = (
  extra: Record<string, unknown>[] = [],
  edit: (items: Record<string, unknown>[]) => void = () => undefined,
) => {
  const items = [...itemsOf(GENERAL_V1), ...extra];
  edit(items);
  return { items };
};
const paths = (definition: unknown, kind: 'GENERAL' | 'CARDIOVASCULAR' | 'PSYCHIATRIC' = 'GENERAL') =>
  validateTemplateDefinition(definition, kind).map((e) => e.path);

describe('validateTemplateDefinition', () => {
  it.each(SCREENING_TEMPLATES.map((t) => [t.key, t] as const))(
    'accepts the catalogue %s template as it stands',
    (_key, template) => {
      expect(validateTemplateDefinition({ items: itemsOf(template) }, template.kind)).toEqual([]);
    },
  );

  it('accepts added and reworded items', () => {
    const definition = general(
      [
        {
          id: 'fasted',
          type: 'yesno',
          label: 'Fasted for 6 hours',
          help: 'Solids',
          requiredWhen: { itemId: 'liver_disease', oneOf: ['moderate', 'severe'] },
        },
      ],
      (items) => {
        items[0].label = 'Pregnant today?';
      },
    );
    expect(validateTemplateDefinition(definition, 'GENERAL')).toEqual([]);
  });

  it.each([
    ['not an object', 'text', 'definition'],
    ['an array', [], 'definition'],
    ['no items', {}, 'items'],
    ['an empty items array', { items: [] }, 'items'],
    ['items as an object', { items: { id: 'x' } }, 'items'],
    ['an unknown top-level field', { ...general(), title: 'x' }, 'title'],
  ])('refuses %s', (_name, definition, path) => {
    expect(paths(definition)).toContain(path);
  });

  it('refuses more than 200 items', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ id: `extra_${i}`, type: 'yesno', label: 'x' }));
    expect(paths(general(many))).toContain('items');
  });

  it('refuses a duplicate id, naming the later item', () => {
    const errors = validateTemplateDefinition(general([{ id: 'pregnancy', type: 'yesno', label: 'Again' }]), 'GENERAL');
    expect(errors).toEqual([
      expect.objectContaining({
        path: `items[${GENERAL_V1.items.length}].id`,
        message: expect.stringContaining('unique'),
      }),
    ]);
  });

  it.each([
    ['a missing id', { type: 'yesno', label: 'x' }, 'id'],
    ['an id with spaces', { id: 'has space', type: 'yesno', label: 'x' }, 'id'],
    ['an id starting with a digit', { id: '1x', type: 'yesno', label: 'x' }, 'id'],
    ['a 65-character id', { id: `a${'b'.repeat(64)}`, type: 'yesno', label: 'x' }, 'id'],
    ['an unknown type', { id: 'x', type: 'slider', label: 'x' }, 'type'],
    ['a missing label', { id: 'x', type: 'yesno' }, 'label'],
    ['a blank label', { id: 'x', type: 'yesno', label: '   ' }, 'label'],
    ['a 501-character label', { id: 'x', type: 'yesno', label: 'l'.repeat(501) }, 'label'],
    ['a field of another type', { id: 'x', type: 'yesno', label: 'x', unit: 'kg' }, 'unit'],
    ['optional as text', { id: 'x', type: 'yesno', label: 'x', optional: 'yes' }, 'optional'],
    ['validFor other than DAY', { id: 'x', type: 'yesno', label: 'x', validFor: 'WEEK' }, 'validFor'],
    ['a number without unit', { id: 'x', type: 'number', label: 'x', min: 0, max: 1 }, 'unit'],
    ['a number without min', { id: 'x', type: 'number', label: 'x', unit: 'kg', max: 1 }, 'min'],
    ['a number with min above max', { id: 'x', type: 'number', label: 'x', unit: 'kg', min: 2, max: 1 }, 'max'],
    ['a number with max as text', { id: 'x', type: 'number', label: 'x', unit: 'kg', min: 0, max: '10' }, 'max'],
    ['a choice without options', { id: 'x', type: 'choice', label: 'x' }, 'options'],
    ['a choice with no options', { id: 'x', type: 'choice', label: 'x', options: [] }, 'options'],
    ['a text without maxLength', { id: 'x', type: 'text', label: 'x' }, 'maxLength'],
    ['a text with maxLength 0', { id: 'x', type: 'text', label: 'x', maxLength: 0 }, 'maxLength'],
    ['a text with maxLength 10,001', { id: 'x', type: 'text', label: 'x', maxLength: 10_001 }, 'maxLength'],
    ['an unknown instrument', { id: 'x', type: 'instrument', label: 'x', instrument: 'BDI' }, 'instrument'],
  ])('refuses %s, naming the field', (_name, item, field) => {
    expect(paths(general([item]))).toContain(`items[${GENERAL_V1.items.length}].${field}`);
  });

  it('accepts a number at min = max and a text of 10,000', () => {
    const items = [
      { id: 'x', type: 'number', label: 'x', unit: 'kg', min: 5, max: 5 },
      { id: 'y', type: 'text', label: 'y', maxLength: 10_000 },
    ];
    expect(paths(general(items))).toEqual([]);
  });

  it('names bad options by their path', () => {
    const item = {
      id: 'x',
      type: 'choice',
      label: 'x',
      options: [{ value: 'a', label: 'A' }, { value: 'a', label: 'A again' }, { value: 'B C', label: '' }, 'c'],
    };
    const at = `items[${GENERAL_V1.items.length}].options`;
    expect(paths(general([item]))).toEqual([`${at}[1].value`, `${at}[2].value`, `${at}[2].label`, `${at}[3]`]);
  });

  it.each([
    ['an unknown item', { itemId: 'nothing', equals: true }, 'requiredWhen.itemId'],
    ['the item itself', { itemId: 'x', equals: true }, 'requiredWhen.itemId'],
    ['both equals and oneOf', { itemId: 'pregnancy', equals: 'no', oneOf: ['no'] }, 'requiredWhen'],
    ['neither equals nor oneOf', { itemId: 'pregnancy' }, 'requiredWhen'],
    ['an empty oneOf', { itemId: 'pregnancy', oneOf: [] }, 'requiredWhen.oneOf'],
    ['an object as equals', { itemId: 'pregnancy', equals: { a: 1 } }, 'requiredWhen.equals'],
    ['an empty anyOf', { anyOf: [] }, 'requiredWhen.anyOf'],
    [
      'a bad condition inside anyOf',
      {
        anyOf: [
          { itemId: 'pregnancy', equals: 'no' },
          { itemId: 'nope', equals: true },
        ],
      },
      'requiredWhen.anyOf[1].itemId',
    ],
    ['an extra field', { itemId: 'pregnancy', equals: 'no', not: true }, 'requiredWhen.not'],
  ])('refuses a condition on %s', (_name, requiredWhen, field) => {
    expect(paths(general([{ id: 'x', type: 'yesno', label: 'x', requiredWhen }]))).toContain(
      `items[${GENERAL_V1.items.length}].${field}`,
    );
  });

  it('refuses a version that drops an item the rules read', () => {
    const definition = { items: itemsOf(CARDIOVASCULAR_V1).filter((i) => i.id !== 'bp2_systolic') };
    expect(validateTemplateDefinition(definition, 'CARDIOVASCULAR')).toEqual([
      { path: 'items', message: expect.stringContaining("'bp2_systolic'") },
    ]);
  });

  it('refuses a version that changes the type or instrument of an item the rules read', () => {
    const items = itemsOf(PSYCHIATRIC_V1);
    items.find((i) => i.id === 'phq9')!.instrument = 'GAD7';
    items.find((i) => i.id === 'bipolar')!.type = 'text';
    items.find((i) => i.id === 'bipolar')!.maxLength = 10;
    const messages = validateTemplateDefinition({ items }, 'PSYCHIATRIC').map((e) => e.message);
    expect(messages).toEqual([
      expect.stringContaining("'bipolar'"),
      expect.stringContaining("'phq9' must stay of type instrument PHQ9"),
    ]);
  });

  describe('items the rules read keep their definition; only wording and order may change', () => {
    const cardiovascular = (edit: (items: Record<string, unknown>[]) => void) => {
      const items = itemsOf(CARDIOVASCULAR_V1);
      edit(items);
      return { items };
    };
    const at = (items: readonly { id: string }[], id: string) => items.findIndex((i) => i.id === id);
    const item = (items: Record<string, unknown>[], id: string) => items.find((i) => i.id === id)!;

    it('refuses every item made optional, naming each (the checklist that passed {} as ELIGIBLE)', () => {
      const errors = validateTemplateDefinition(
        cardiovascular((items) => items.forEach((i) => (i.optional = true))),
        'CARDIOVASCULAR',
      );
      const required = CARDIOVASCULAR_V1.items.filter((i) => !i.optional);
      expect(errors.map((e) => e.path)).toEqual(
        required.map((i) => `items[${at(CARDIOVASCULAR_V1.items, i.id)}].optional`),
      );
      expect(errors[0].message).toBe(
        "item 'bp1_systolic' must stay required: the eligibility rules read it, so only its wording may change",
      );
    });

    it('refuses an item required only when a condition holds made optional', () => {
      const errors = validateTemplateDefinition(
        cardiovascular((items) => (item(items, 'hypertension_controlled').optional = true)),
        'CARDIOVASCULAR',
      );
      expect(errors).toEqual([
        {
          path: `items[${at(CARDIOVASCULAR_V1.items, 'hypertension_controlled')}].optional`,
          message: expect.stringContaining("'hypertension_controlled' must stay required when its condition holds"),
        },
      ]);
    });

    it('refuses a removed requiredWhen, and a changed one', () => {
      const removed = cardiovascular((items) => delete item(items, 'angina_unstable').requiredWhen);
      expect(validateTemplateDefinition(removed, 'CARDIOVASCULAR')).toEqual([
        {
          path: `items[${at(CARDIOVASCULAR_V1.items, 'angina_unstable')}].requiredWhen`,
          message: expect.stringContaining("'angina_unstable' must keep the catalogue's condition"),
        },
      ]);
      const narrowed = cardiovascular(
        (items) => (item(items, 'ecg_on_file').requiredWhen = { itemId: 'hypertension', equals: true }),
      );
      expect(paths(narrowed, 'CARDIOVASCULAR')).toEqual([
        `items[${at(CARDIOVASCULAR_V1.items, 'ecg_on_file')}].requiredWhen`,
      ]);
      const added = cardiovascular(
        (items) => (item(items, 'heart_rate').requiredWhen = { itemId: 'hypertension', equals: true }),
      );
      expect(validateTemplateDefinition(added, 'CARDIOVASCULAR')[0].message).toContain(
        "'heart_rate' must not become conditional",
      );
    });

    it('accepts a requiredWhen written with its keys in another order', () => {
      const reordered = cardiovascular(
        (items) => (item(items, 'angina_unstable').requiredWhen = { equals: true, itemId: 'coronary_artery_disease' }),
      );
      expect(validateTemplateDefinition(reordered, 'CARDIOVASCULAR')).toEqual([]);
    });

    it.each([
      [
        'a narrowed range (blocking readings out of reach)',
        'bp1_systolic',
        { max: 170 },
        'max',
        'must keep its range 50 to 300',
      ],
      ['a raised minimum', 'heart_rate', { min: 40 }, 'min', 'must keep its range 20 to 250'],
      ['another unit', 'bp2_diastolic', { unit: 'kPa' }, 'unit', 'must stay in mmHg'],
      ['decimals allowed', 'bp2_systolic', { integer: false }, 'integer', 'must stay a whole number'],
    ])('refuses %s', (_name, id, change, field, message) => {
      const errors = validateTemplateDefinition(
        cardiovascular((items) => Object.assign(item(items, id), change)),
        'CARDIOVASCULAR',
      );
      expect(errors).toEqual([
        {
          path: `items[${at(CARDIOVASCULAR_V1.items, id)}].${field}`,
          message: expect.stringContaining(`'${id}' ${message}`),
        },
      ]);
    });

    it.each([
      [
        'a renamed option value',
        [
          { value: 'no', label: 'No' },
          { value: 'maybe', label: 'Maybe' },
          { value: 'yes', label: 'Yes' },
          { value: 'not_applicable', label: 'N/A' },
        ],
      ],
      [
        'a dropped option',
        [
          { value: 'no', label: 'No' },
          { value: 'yes', label: 'Yes' },
          { value: 'not_applicable', label: 'N/A' },
        ],
      ],
      [
        'an added option',
        [
          { value: 'no', label: 'No' },
          { value: 'possible', label: 'Possibly' },
          { value: 'yes', label: 'Yes' },
          { value: 'not_applicable', label: 'N/A' },
          { value: 'unknown', label: 'Unknown' },
        ],
      ],
    ])('refuses %s of an item the rules read', (_name, options) => {
      const errors = validateTemplateDefinition(
        general([], (items) => (item(items, 'pregnancy').options = options)),
        'GENERAL',
      );
      expect(errors).toEqual([
        {
          path: `items[${at(GENERAL_V1.items, 'pregnancy')}].options`,
          message: expect.stringContaining(
            "'pregnancy' must keep exactly the option values no, possible, yes, not_applicable",
          ),
        },
      ]);
    });

    it('refuses a day-only answer made to last, and a text given another length', () => {
      const errors = validateTemplateDefinition(
        general([], (items) => {
          delete item(items, 'pregnancy').validFor;
          item(items, 'allergies').maxLength = 20;
        }),
        'GENERAL',
      );
      expect(errors.map((e) => e.path)).toEqual([
        `items[${at(GENERAL_V1.items, 'pregnancy')}].validFor`,
        `items[${at(GENERAL_V1.items, 'allergies')}].maxLength`,
      ]);
    });

    it('accepts relabelled items, help, short labels and option labels, reordered items and options, and new items', () => {
      const definition = cardiovascular((items) => {
        item(items, 'bp1_systolic').label = 'BP 1 — systolic (mmHg)';
        item(items, 'bp1_systolic').help = 'Seated, 5 minutes of rest, cuff at heart level.';
        item(items, 'heart_rate').shortLabel = 'HR';
        items.reverse();
        items.push({
          id: 'bp_arm',
          type: 'choice',
          label: 'Arm used',
          optional: true,
          options: [
            { value: 'left', label: 'Left' },
            { value: 'right', label: 'Right' },
          ],
        });
      });
      expect(validateTemplateDefinition(definition, 'CARDIOVASCULAR')).toEqual([]);
      const relabelled = general([], (items) => {
        const pregnancy = item(items, 'pregnancy');
        pregnancy.options = [...(pregnancy.options as { value: string; label: string }[])]
          .reverse()
          .map((o) => ({ ...o, label: `${o.label}.` }));
        pregnancy.shortLabel = 'pregnancy';
      });
      expect(validateTemplateDefinition(relabelled, 'GENERAL')).toEqual([]);
    });

    it('accepts optional written out as false on a required item', () => {
      expect(
        validateTemplateDefinition(
          cardiovascular((items) => (item(items, 'heart_rate').optional = false)),
          'CARDIOVASCULAR',
        ),
      ).toEqual([]);
    });
  });

  it('checks the catalogue items of the kind being published, not of another kind', () => {
    expect(paths({ items: itemsOf(GENERAL_V1) }, 'CARDIOVASCULAR').length).toBeGreaterThan(0);
  });
});
