import type { ScreeningTemplate } from '@cadence/domain';
import type { TemplateRecord } from './screening-templates.repository';

/**
 * A stored template as the domain reads it. The definition column holds the whole template
 * (validated when published); the columns are authoritative for key, kind, version and title.
 */
export function templateOf(
  record: Pick<TemplateRecord, 'key' | 'kind' | 'version' | 'title' | 'definition'>,
): ScreeningTemplate {
  const definition = (record.definition ?? {}) as { items?: ScreeningTemplate['items'] };
  return {
    key: record.key,
    kind: record.kind,
    version: record.version,
    title: record.title,
    items: definition.items ?? [],
  };
}

/** A `@db.Date` column as the calendar date it holds. */
export function calendarDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/** A calendar date for a `@db.Date` column. */
export function dateColumn(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}
