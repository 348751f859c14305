import { CARDIOVASCULAR_V1, GENERAL_V1, PSYCHIATRIC_V1, SCREENING_TEMPLATES } from './templates';
import { validateTemplateDefinition } from './template-definition';

const itemsOf = (template: { items: readonly unknown[] }) => JSON.parse(JSON.stringify(template.items)) as Record<string, unknown>[];
const general = (extra: Record<string, unknown>[] = [], edit: (items: Record<string, unknown>[]) => void = () => undefined) => {
  const items = [...itemsOf(GENERAL_V1), ...extra];
  edit(items);
  return { items };
};
const paths = (definition: unknown, kind: 'GENERAL' | 'CARDIOVASCULAR' | 'PSYCHIATRIC' = 'GENERAL') =>
  validateTemplateDefinition(definition, kind).map((e) => e.path);

describe('validateTemplateDefinition', () => {
  it.each(SCREENING_TEMPLATES.map((t) => [t.key, t] as const))('accepts the catalogue %s template as it stands', (_key, template) => {
    expect(validateTemplateDefinition({ items: itemsOf(template) }, template.kind)).toEqual([]);
  });

  it('accepts added and reworded items', () => {
    const definition = general([{ id: 'fasted', type: 'yesno', label: 'Fasted for 6 hours', help: 'Solids', requiredWhen: { itemId: 'liver_disease', oneOf: ['moderate', 'severe'] } }], (items) => {
      items[0].label = 'Pregnant today?';
    });
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
    expect(errors).toEqual([expect.objectContaining({ path: `items[${GENERAL_V1.items.length}].id`, message: expect.stringContaining('unique') })]);
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
    const item = { id: 'x', type: 'choice', label: 'x', options: [{ value: 'a', label: 'A' }, { value: 'a', label: 'A again' }, { value: 'B C', label: '' }, 'c'] };
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
    ['a bad condition inside anyOf', { anyOf: [{ itemId: 'pregnancy', equals: 'no' }, { itemId: 'nope', equals: true }] }, 'requiredWhen.anyOf[1].itemId'],
    ['an extra field', { itemId: 'pregnancy', equals: 'no', not: true }, 'requiredWhen.not'],
  ])('refuses a condition on %s', (_name, requiredWhen, field) => {
    expect(paths(general([{ id: 'x', type: 'yesno', label: 'x', requiredWhen }]))).toContain(`items[${GENERAL_V1.items.length}].${field}`);
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
    expect(messages).toEqual([expect.stringContaining("'bipolar'"), expect.stringContaining("'phq9' must stay of type instrument PHQ9")]);
  });

  it('checks the catalogue items of the kind being published, not of another kind', () => {
    expect(paths({ items: itemsOf(GENERAL_V1) }, 'CARDIOVASCULAR').length).toBeGreaterThan(0);
  });
});
