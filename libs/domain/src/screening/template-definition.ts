import { INSTRUMENT_IDS } from './instruments';
import { SCREENING_TEMPLATES, type ScreeningKind, type TemplateItem, type TemplateItemType } from './templates';

/**
 * Checks a checklist an admin wants to publish as a new template version. Items are data, so a
 * malformed one would break every form and every screening that uses it: the shape is checked
 * here, and each problem names its path (`items[3].options[1].value`).
 *
 * The eligibility rules read answers by item id, and they are written against the catalogue's
 * version of each kind: they fire only on answers recorded, and `validateAnswers` decides from the
 * template which answers must be recorded. So a new version must keep every catalogue item of its
 * kind with the catalogue's definition exactly: type, instrument, unit, range, whole-number rule,
 * required-ness (`optional`, `requiredWhen`), day-only validity, the set of option values and a
 * text's length. Otherwise an admin could switch a contraindication rule off by making its item
 * optional (a screening submitted without blood pressures is ELIGIBLE), narrowing its range below
 * the blocking limit, or renaming the option value a rule looks for. Only presentation may change:
 * label, help, short label, option labels and the order of items and options. Items may be added.
 */

export interface TemplateDefinitionError {
  path: string;
  message: string;
}

export const TEMPLATE_ITEM_TYPES: readonly TemplateItemType[] = [
  'yesno',
  'number',
  'choice',
  'date',
  'text',
  'instrument',
];
export const TEMPLATE_LIMITS = {
  items: 200,
  options: 50,
  idPattern: /^[a-z][a-z0-9_]{0,63}$/,
  label: 500,
  help: 2000,
  shortLabel: 100,
  unit: 20,
  textMaxLength: 10_000,
} as const;

const COMMON_KEYS = ['id', 'type', 'label', 'help', 'optional', 'requiredWhen', 'validFor', 'shortLabel'];
const KEYS_BY_TYPE: Record<TemplateItemType, readonly string[]> = {
  yesno: COMMON_KEYS,
  date: COMMON_KEYS,
  number: [...COMMON_KEYS, 'unit', 'min', 'max', 'integer'],
  choice: [...COMMON_KEYS, 'options'],
  text: [...COMMON_KEYS, 'maxLength'],
  instrument: [...COMMON_KEYS, 'instrument'],
};

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown, max: number) =>
  typeof value === 'string' && value.trim().length > 0 && value.length <= max;

/**
 * Problems with `definition` (`{ items: [...] }`) as a template of `kind`; none means it may be
 * published. Paths are relative to the definition.
 */
export function validateTemplateDefinition(definition: unknown, kind: ScreeningKind): TemplateDefinitionError[] {
  const errors: TemplateDefinitionError[] = [];
  const fail = (path: string, message: string) => errors.push({ path, message });
  if (!isObject(definition)) {
    fail('definition', 'must be an object with an items array');
    return errors;
  }
  for (const key of Object.keys(definition)) if (key !== 'items') fail(key, 'is not a known field (only items)');
  const items = definition.items;
  if (!Array.isArray(items) || items.length === 0 || items.length > TEMPLATE_LIMITS.items) {
    fail('items', `must be an array of 1 to ${TEMPLATE_LIMITS.items} items`);
    return errors;
  }

  const ids = new Set<string>();
  items.forEach((item, i) => {
    const at = `items[${i}]`;
    if (!isObject(item)) return fail(at, 'must be an object');
    if (typeof item.id !== 'string' || !TEMPLATE_LIMITS.idPattern.test(item.id)) {
      fail(`${at}.id`, 'must be 1 to 64 lower-case letters, digits or underscores, starting with a letter');
    } else if (ids.has(item.id)) {
      fail(`${at}.id`, `'${item.id}' is used by an earlier item; item ids must be unique`);
    } else {
      ids.add(item.id);
    }
    if (!TEMPLATE_ITEM_TYPES.includes(item.type as TemplateItemType)) {
      return fail(`${at}.type`, `must be one of ${TEMPLATE_ITEM_TYPES.join(', ')}`);
    }
    checkItem(item as Json & { type: TemplateItemType }, at, fail);
  });

  // Conditions may refer only to items of this template, and not to the item itself.
  items.forEach((item, i) => {
    if (isObject(item) && item.requiredWhen !== undefined) {
      checkCondition(item.requiredWhen, `items[${i}].requiredWhen`, ids, item.id, fail, 0);
    }
  });

  const catalogue = SCREENING_TEMPLATES.find((t) => t.kind === kind);
  if (catalogue) {
    const given = new Map<unknown, { item: Json; at: string }>();
    items.forEach((item, i) => {
      if (isObject(item) && !given.has(item.id)) given.set(item.id, { item, at: `items[${i}]` });
    });
    for (const required of catalogue.items) {
      const found = given.get(required.id);
      if (!found) {
        fail('items', `must keep item '${required.id}' (${describe(required)}): the eligibility rules read it`);
        continue;
      }
      for (const difference of catalogueDifferences(required, found.item)) {
        fail(
          `${found.at}.${difference.field}`,
          `item '${required.id}' ${difference.message}: the eligibility rules read it, so only its wording may change`,
        );
      }
    }
  }
  return errors;
}

/**
 * How `item` departs from the catalogue's definition of the same id, beyond presentation. A type or
 * instrument change is reported alone: the other fields of a different type do not compare.
 */
function catalogueDifferences(catalogue: TemplateItem, item: Json): { field: string; message: string }[] {
  if (item.type !== catalogue.type || (catalogue.type === 'instrument' && item.instrument !== catalogue.instrument)) {
    return [
      {
        field: item.type !== catalogue.type ? 'type' : 'instrument',
        message: `must stay of type ${describe(catalogue)}`,
      },
    ];
  }
  const differences: { field: string; message: string }[] = [];
  const differ = (field: string, message: string) => differences.push({ field, message });
  if ((item.optional === true) !== (catalogue.optional === true)) {
    differ(
      'optional',
      catalogue.optional
        ? 'must stay optional'
        : catalogue.requiredWhen
          ? 'must stay required when its condition holds'
          : 'must stay required',
    );
  }
  if (canonical(item.requiredWhen) !== canonical(catalogue.requiredWhen)) {
    differ(
      'requiredWhen',
      catalogue.requiredWhen
        ? "must keep the catalogue's condition for when it is required"
        : 'must not become conditional',
    );
  }
  if (item.validFor !== catalogue.validFor) {
    differ(
      'validFor',
      catalogue.validFor
        ? `must stay valid for one ${catalogue.validFor.toLowerCase()}`
        : 'must not become valid for a day only',
    );
  }
  switch (catalogue.type) {
    case 'number':
      if (item.min !== catalogue.min || item.max !== catalogue.max)
        differ(item.min !== catalogue.min ? 'min' : 'max', `must keep its range ${catalogue.min} to ${catalogue.max}`);
      if (item.unit !== catalogue.unit) differ('unit', `must stay in ${catalogue.unit}`);
      if ((item.integer === true) !== (catalogue.integer === true))
        differ('integer', catalogue.integer ? 'must stay a whole number' : 'must not become whole numbers only');
      break;
    case 'choice': {
      const values = (options: unknown) =>
        Array.isArray(options) ? options.map((o) => (isObject(o) ? o.value : o)) : [];
      if (canonical([...values(item.options)].sort()) !== canonical(values(catalogue.options).sort())) {
        differ('options', `must keep exactly the option values ${values(catalogue.options).join(', ')}`);
      }
      break;
    }
    case 'text':
      if (item.maxLength !== catalogue.maxLength) differ('maxLength', `must keep maxLength ${catalogue.maxLength}`);
      break;
    case 'yesno':
    case 'date':
    case 'instrument':
      break;
  }
  return differences;
}

/** JSON with keys sorted, so two conditions written with keys in another order compare equal. */
function canonical(value: unknown): string {
  if (value === undefined) return 'none';
  return JSON.stringify(value, (_key, v: unknown) =>
    isObject(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

function describe(item: TemplateItem): string {
  return item.type === 'instrument' ? `instrument ${item.instrument}` : item.type;
}

function checkItem(item: Json & { type: TemplateItemType }, at: string, fail: (path: string, message: string) => void) {
  for (const key of Object.keys(item)) {
    if (!KEYS_BY_TYPE[item.type].includes(key)) fail(`${at}.${key}`, `is not a field of a ${item.type} item`);
  }
  if (!isText(item.label, TEMPLATE_LIMITS.label))
    fail(`${at}.label`, `must be non-blank text of at most ${TEMPLATE_LIMITS.label} characters`);
  if (item.help !== undefined && !isText(item.help, TEMPLATE_LIMITS.help))
    fail(`${at}.help`, `must be non-blank text of at most ${TEMPLATE_LIMITS.help} characters`);
  if (item.shortLabel !== undefined && !isText(item.shortLabel, TEMPLATE_LIMITS.shortLabel)) {
    fail(`${at}.shortLabel`, `must be non-blank text of at most ${TEMPLATE_LIMITS.shortLabel} characters`);
  }
  if (item.optional !== undefined && typeof item.optional !== 'boolean')
    fail(`${at}.optional`, 'must be true or false');
  if (item.validFor !== undefined && item.validFor !== 'DAY') fail(`${at}.validFor`, "must be 'DAY' when present");

  switch (item.type) {
    case 'number': {
      if (!isText(item.unit, TEMPLATE_LIMITS.unit))
        fail(`${at}.unit`, `must be non-blank text of at most ${TEMPLATE_LIMITS.unit} characters`);
      const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
      if (!finite(item.min)) fail(`${at}.min`, 'must be a number');
      if (!finite(item.max)) fail(`${at}.max`, 'must be a number');
      if (finite(item.min) && finite(item.max) && item.min > item.max) fail(`${at}.max`, 'must be at least min');
      if (item.integer !== undefined && typeof item.integer !== 'boolean')
        fail(`${at}.integer`, 'must be true or false');
      return;
    }
    case 'choice': {
      const options = item.options;
      if (!Array.isArray(options) || options.length === 0 || options.length > TEMPLATE_LIMITS.options) {
        return fail(`${at}.options`, `must be an array of 1 to ${TEMPLATE_LIMITS.options} options`);
      }
      const values = new Set<string>();
      options.forEach((option, j) => {
        const path = `${at}.options[${j}]`;
        if (!isObject(option)) return fail(path, 'must be an object with value and label');
        for (const key of Object.keys(option))
          if (key !== 'value' && key !== 'label') fail(`${path}.${key}`, 'is not a field of an option');
        if (typeof option.value !== 'string' || !TEMPLATE_LIMITS.idPattern.test(option.value)) {
          fail(`${path}.value`, 'must be 1 to 64 lower-case letters, digits or underscores, starting with a letter');
        } else if (values.has(option.value)) {
          fail(`${path}.value`, `'${option.value}' is used by an earlier option`);
        } else {
          values.add(option.value);
        }
        if (!isText(option.label, TEMPLATE_LIMITS.label)) fail(`${path}.label`, 'must be non-blank text');
      });
      return;
    }
    case 'text':
      if (
        typeof item.maxLength !== 'number' ||
        !Number.isInteger(item.maxLength) ||
        item.maxLength < 1 ||
        item.maxLength > TEMPLATE_LIMITS.textMaxLength
      ) {
        fail(`${at}.maxLength`, `must be a whole number from 1 to ${TEMPLATE_LIMITS.textMaxLength}`);
      }
      return;
    case 'instrument':
      if (!INSTRUMENT_IDS.includes(item.instrument as (typeof INSTRUMENT_IDS)[number])) {
        fail(`${at}.instrument`, `must be one of ${INSTRUMENT_IDS.join(', ')}`);
      }
      return;
    case 'yesno':
    case 'date':
      return;
  }
}

function checkCondition(
  condition: unknown,
  at: string,
  ids: ReadonlySet<string>,
  self: unknown,
  fail: (path: string, message: string) => void,
  depth: number,
) {
  if (!isObject(condition)) return fail(at, 'must be a condition object');
  if (depth > 5) return fail(at, 'is nested too deeply');
  if ('anyOf' in condition) {
    if (!Array.isArray(condition.anyOf) || condition.anyOf.length === 0)
      return fail(`${at}.anyOf`, 'must be a non-empty array of conditions');
    for (const key of Object.keys(condition))
      if (key !== 'anyOf') fail(`${at}.${key}`, 'is not a field of an anyOf condition');
    condition.anyOf.forEach((c, k) => checkCondition(c, `${at}.anyOf[${k}]`, ids, self, fail, depth + 1));
    return;
  }
  const primitive = (v: unknown) =>
    typeof v === 'boolean' || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
  if (typeof condition.itemId !== 'string' || !ids.has(condition.itemId)) {
    fail(`${at}.itemId`, 'must name another item of this template');
  } else if (condition.itemId === self) {
    fail(`${at}.itemId`, 'must not name the item itself');
  }
  const hasEquals = 'equals' in condition;
  const hasOneOf = 'oneOf' in condition;
  if (hasEquals === hasOneOf) return fail(at, 'must have exactly one of equals or oneOf');
  if (hasEquals && !primitive(condition.equals)) fail(`${at}.equals`, 'must be a yes/no, number or text value');
  if (
    hasOneOf &&
    (!Array.isArray(condition.oneOf) || condition.oneOf.length === 0 || !condition.oneOf.every(primitive))
  ) {
    fail(`${at}.oneOf`, 'must be a non-empty array of yes/no, number or text values');
  }
  for (const key of Object.keys(condition)) {
    if (!['itemId', 'equals', 'oneOf'].includes(key)) fail(`${at}.${key}`, 'is not a field of a condition');
  }
}
