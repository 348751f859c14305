import { templateFor, type ScreeningKind, type ScreeningTemplate, type TemplateItem } from '@cadence/domain';
import { ApiError } from '../../api/problem';
import { toFormPath } from '../../shared/forms';
import type { ScreeningTemplateRecord } from '../screening/api/types';
import type { PublishChecklistBody } from './api/checklists.api';

// A new version of a screening checklist starts as a copy of the latest one; the editor changes
// its title and each item's question and help text, and keeps everything else as it is. The API's
// domain validator (validateTemplateDefinition) judges the result: the items of the catalogue are
// read by the eligibility rules, so only their wording may change there.

export interface ItemWording {
  id: string;
  label: string;
  /** Empty: no help text under the question. */
  help: string;
  /** An eligibility rule reads this item's answer. */
  locked: boolean;
}

export interface WordingValues {
  title: string;
  items: ItemWording[];
}

/** The ids of the items the eligibility rules read for checklists of `kind`. */
export function lockedItemIds(kind: ScreeningKind): Set<string> {
  return new Set(templateFor(kind).items.map((item) => item.id));
}

export function toWordingValues(template: ScreeningTemplate): WordingValues {
  const locked = lockedItemIds(template.kind);
  return {
    title: template.title,
    items: template.items.map((item) => ({
      id: item.id,
      label: item.label,
      help: item.help ?? '',
      locked: locked.has(item.id),
    })),
  };
}

/** What the item asks for, which the editor shows and does not change: "20–350 kg", "No / Yes". */
export function describeAnswer(item: TemplateItem): string {
  switch (item.type) {
    case 'yesno':
      return 'Yes or no';
    case 'number':
      return `A number, ${item.min}–${item.max} ${item.unit}${item.integer ? ', whole' : ''}`;
    case 'choice':
      return item.options.map((option) => option.label).join(' / ');
    case 'date':
      return 'A date';
    case 'text':
      return `Text, up to ${item.maxLength} characters`;
    case 'instrument':
      return `Scored questionnaire ${item.instrument}`;
  }
}

/** The record with the new wording; a blank question is sent as it is, for the validator to name. */
export function toPublishBody(current: ScreeningTemplateRecord, values: WordingValues): PublishChecklistBody {
  const items = current.definition.items.map((item, i): TemplateItem => {
    const { help: _previous, ...rest } = item;
    const wording = values.items[i];
    const help = wording.help.trim();
    return { ...rest, label: wording.label.trim(), ...(help ? { help } : {}) } as TemplateItem;
  });
  return { key: current.key, kind: current.kind, title: values.title.trim(), definition: { items } };
}

/** The editor's field for an API problem: `definition.items[3].label` → `items.3.label`. */
export function wordingErrorPath(field: string): string {
  return toFormPath(field.replace(/^definition\./, ''));
}

/** The paths the editor shows. */
export function wordingFields(values: WordingValues): Set<string> {
  return new Set(['title', ...values.items.flatMap((_, i) => [`items.${i}.label`, `items.${i}.help`])]);
}

/**
 * A problem with a question or help text is shown under its input, so its item's path is dropped
 * from the message ("items[3].label must be…" → "label must be…"); others keep it.
 */
export function withItemMessages(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const errors = error.fieldErrors.map((problem) => ({
    ...problem,
    message: problem.message.replace(/^items\[\d+\]\.(?=(label|help) )/, ''),
  }));
  return new ApiError(error.status, { ...error.problem, errors }, error.retryAfterSeconds);
}
