import { GENERAL_V1, validateTemplateDefinition } from '@cadence/domain';
import { ApiError } from '../../api/problem';
import type { ScreeningTemplateRecord } from '../screening/api/types';
import {
  describeAnswer,
  toPublishBody,
  toWordingValues,
  withItemMessages,
  wordingErrorPath,
  wordingFields,
} from './wordingForm';

const record = (definition = GENERAL_V1): ScreeningTemplateRecord => ({
  id: '00000000-0000-4000-8000-000000000002',
  key: definition.key,
  kind: definition.kind,
  version: definition.version,
  title: definition.title,
  definition,
  publishedAt: '2026-12-01T09:00:00.000Z',
});

const allergies = GENERAL_V1.items.findIndex((item) => item.id === 'allergies');
const alt = GENERAL_V1.items.findIndex((item) => item.id === 'alt');

describe('a new checklist version from the latest one', () => {
  it('publishes the latest definition unchanged when nothing was edited, a valid checklist', () => {
    const body = toPublishBody(record(), toWordingValues(GENERAL_V1));
    expect(body).toMatchObject({ key: 'general', kind: 'GENERAL', title: 'General screening' });
    expect(body.definition).toEqual({ items: GENERAL_V1.items });
    expect(validateTemplateDefinition(body.definition, 'GENERAL')).toEqual([]);
  });

  it('marks the items the eligibility rules read as locked, and an item the clinic added as not', () => {
    const added = {
      ...GENERAL_V1,
      items: [...GENERAL_V1.items, { id: 'escort', type: 'yesno' as const, label: 'Escort home' }],
    };
    const values = toWordingValues(added);
    expect(values.items.filter((item) => item.locked)).toHaveLength(GENERAL_V1.items.length);
    expect(values.items.at(-1)).toEqual({ id: 'escort', label: 'Escort home', help: '', locked: false });
  });

  it('changes only the wording: the new question and help, trimmed; empty help is dropped', () => {
    const values = toWordingValues(GENERAL_V1);
    values.title = '  General screening (2027)  ';
    values.items[allergies].label = ' Allergies (medicines, latex, food) ';
    values.items[alt].help = '   ';
    const body = toPublishBody(record(), values);
    const items = (body.definition as { items: Record<string, unknown>[] }).items;
    expect(body.title).toBe('General screening (2027)');
    expect(items[allergies]).toEqual({ ...GENERAL_V1.items[allergies], label: 'Allergies (medicines, latex, food)' });
    expect(items[alt]).not.toHaveProperty('help');
    expect(items[alt]).toMatchObject({
      min: 0,
      max: 10000,
      unit: 'U/L',
      requiredWhen: GENERAL_V1.items[alt].requiredWhen,
    });
    expect(validateTemplateDefinition(body.definition, 'GENERAL')).toEqual([]);
  });

  it("sends a blank question as typed, and puts the domain's problem beside that question", () => {
    const values = toWordingValues(GENERAL_V1);
    values.items[allergies].label = '  ';
    const problems = validateTemplateDefinition(toPublishBody(record(), values).definition, 'GENERAL');
    expect(problems).toEqual([{ path: `items[${allergies}].label`, message: expect.stringContaining('non-blank') }]);
    const path = wordingErrorPath(`definition.${problems[0].path}`);
    expect(path).toBe(`items.${allergies}.label`);
    expect(wordingFields(values).has(path)).toBe(true);
    expect(wordingFields(values).has(`items.${allergies}.options`)).toBe(false);
    expect(wordingErrorPath('title')).toBe('title');
  });

  it('describes what each item asks for, which stays as it is', () => {
    const byId = (id: string) => GENERAL_V1.items.find((item) => item.id === id)!;
    expect(describeAnswer(byId('weight_kg'))).toBe('A number, 20–350 kg');
    expect(describeAnswer(byId('takes_maoi'))).toBe('Yes or no');
    expect(describeAnswer(byId('allergies'))).toBe('Text, up to 500 characters');
    expect(describeAnswer(byId('liver_disease'))).toMatch(/^None, or mild .* \/ Moderate .* \/ Severe /);
  });

  it('drops the item path from messages shown under a question or help text, and keeps it elsewhere', () => {
    const error = new ApiError(400, {
      code: 'VALIDATION_FAILED',
      errors: [
        {
          field: 'definition.items[7].label',
          rule: 'templateDefinition',
          message: 'items[7].label must be non-blank text',
        },
        {
          field: 'definition.items[1].options',
          rule: 'templateDefinition',
          message: 'items[1].options must keep exactly',
        },
      ],
    });
    const rewritten = withItemMessages(error) as ApiError;
    expect(rewritten.fieldErrors.map((p) => p.message)).toEqual([
      'label must be non-blank text',
      'items[1].options must keep exactly',
    ]);
    expect(rewritten.status).toBe(400);
    expect(withItemMessages('offline')).toBe('offline');
  });
});
