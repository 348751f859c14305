import { DEFAULT_SCREENING_SETTINGS, type ClinicScreeningSettings, type ScreeningTemplate } from '@cadence/domain';
import type { TemplateRecord } from './screening-templates.repository';
import type { ClinicScreeningRow } from './screening.repository';

/** The clinic row's screening columns as the domain's settings (heart-rate limit is not a column yet). */
export function settingsOf(clinic: ClinicScreeningRow): ClinicScreeningSettings {
  return {
    bpReview: { systolic: clinic.bpReviewSystolic, diastolic: clinic.bpReviewDiastolic },
    bpBlock: { systolic: clinic.bpBlockSystolic, diastolic: clinic.bpBlockDiastolic },
    validityDays: clinic.screeningValidityDays,
    hrReview: DEFAULT_SCREENING_SETTINGS.hrReview,
  };
}

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
