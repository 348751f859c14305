import { STAFF_ROLE_LABELS } from '@cadence/domain';
import { stringify } from 'csv-stringify';
import { Readable } from 'node:stream';
import type { AccessGroupDto, AuditEventDto } from './dto/audit.dto';

type Row = Record<string, string | number>;

const roles = (codes: readonly string[]) => codes.map((r) => STAFF_ROLE_LABELS[r] ?? r).join('; ');

/** One audit event as the export's row: the JSON's values, roles and fields in words. */
export function eventRow(e: AuditEventDto): Row {
  return {
    Time: e.at,
    'Staff member': e.actorName,
    Roles: roles(e.actorRoles),
    Action: e.summary,
    Patient: e.patientName ?? '',
    MRN: e.patientMrn ?? '',
    Fields: e.fieldLabels.join('; '),
    'Record id': e.entityId ?? '',
    Event: e.id,
  };
}

/** One group of the access report as the export's row. */
export function accessRow(g: AccessGroupDto): Row {
  return {
    'Staff member': g.actorName,
    Roles: roles(g.actorRoles),
    Action: g.summary,
    Times: g.count,
    First: g.firstAt,
    Last: g.lastAt,
    Fields: g.fieldLabels.join('; '),
    'Record id': g.entityId ?? '',
  };
}

export const EVENT_COLUMNS = [
  'Time',
  'Staff member',
  'Roles',
  'Action',
  'Patient',
  'MRN',
  'Fields',
  'Record id',
  'Event',
];
export const ACCESS_COLUMNS = ['Staff member', 'Roles', 'Action', 'Times', 'First', 'Last', 'Fields', 'Record id'];

/**
 * A cell a spreadsheet would run as a formula (a name typed as "=HYPERLINK(…)") is written with a
 * leading apostrophe, which spreadsheets show as text.
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The rows as CSV (csv-stringify), written as they arrive rather than gathered first. */
export function csvStream(rows: AsyncIterable<Row>, columns: string[]): Readable {
  return Readable.from(rows).pipe(
    stringify({ header: true, columns, cast: { string: spreadsheetSafe, number: (v) => String(v) } }),
  );
}
