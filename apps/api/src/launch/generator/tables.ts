/**
 * The tables the generator fills, in the order COPY writes them (each row's references before it),
 * with the columns it writes and how each is encoded in COPY's text format.
 */
export type Value = string | number | boolean | null | undefined | readonly unknown[] | Record<string, unknown>;
export type Row = Record<string, Value>;

/** `json`: written as JSON text; `array`: a PostgreSQL array literal of text; otherwise the value as text. */
type Kind = 'json' | 'array' | 'plain';

interface TableSpec {
  columns: readonly string[];
  json?: readonly string[];
  arrays?: readonly string[];
}

export const TABLES = {
  Patient: {
    columns: [
      'id',
      'clinicId',
      'mrn',
      'givenName',
      'familyName',
      'dateOfBirth',
      'sex',
      'weightKg',
      'phone',
      'email',
      'escortName',
      'escortPhone',
      'version',
      'createdAt',
      'updatedAt',
    ],
  },
  Diagnosis: { columns: ['id', 'patientId', 'icd10Code', 'description', 'painMechanism', 'isPrimary', 'recordedAt'] },
  Screening: {
    columns: [
      'id',
      'clinicId',
      'patientId',
      'templateId',
      'kind',
      'status',
      'answers',
      'scores',
      'result',
      'reasons',
      'suicidalityFlag',
      'noSerialInfusions',
      'dayOnlyItems',
      'createdById',
      'createdAt',
      'updatedAt',
      'submittedById',
      'submittedAt',
      'signedById',
      'signedAt',
      'signedOn',
      'validUntil',
      'version',
    ],
    json: ['answers', 'scores', 'reasons'],
    arrays: ['dayOnlyItems'],
  },
  Course: {
    columns: [
      'id',
      'clinicId',
      'patientId',
      'protocolId',
      'prescriberId',
      'bookedById',
      'status',
      'sessionCount',
      'eligibilityScreeningIds',
      'baselinePainNrs',
      'baselinePainInterference',
      'cancelReason',
      'boosterOfCourseId',
      'completedAt',
      'createdAt',
      'updatedAt',
      'version',
    ],
    arrays: ['eligibilityScreeningIds'],
  },
  Appointment: {
    columns: [
      'id',
      'clinicId',
      'courseId',
      'patientId',
      'chairId',
      'sessionNumber',
      'startsAt',
      'endsAt',
      'status',
      'kind',
      'cancelReason',
      'createdAt',
      'updatedAt',
      'version',
    ],
  },
  InfusionSession: {
    columns: [
      'id',
      'clinicId',
      'appointmentId',
      'patientId',
      'courseId',
      'state',
      'supervisingClinicianId',
      'checkedInById',
      'checkedInAt',
      'checkedInOn',
      'checkInFacts',
      'checkInChecks',
      'checkInCleared',
      'weightKg',
      'eligibilityScreeningIds',
      'painBefore',
      'painAfter',
      'startedAt',
      'stoppedAt',
      'discharge',
      'dischargedById',
      'dischargedAt',
      'version',
      'createdAt',
      'updatedAt',
    ],
    json: ['checkInFacts', 'checkInChecks', 'discharge'],
    arrays: ['eligibilityScreeningIds'],
  },
  VitalsReading: {
    columns: [
      'id',
      'sessionId',
      'takenAt',
      'systolic',
      'diastolic',
      'heartRate',
      'spo2',
      'respiratoryRate',
      'rass',
      'dissociation',
      'alerts',
      'recordedById',
      'recordedAt',
    ],
    json: ['alerts'],
  },
  DoseOrder: {
    columns: [
      'id',
      'sessionId',
      'form',
      'route',
      'perKg',
      'weightKg',
      'rateMgPerHour',
      'doseMg',
      'plannedMinutes',
      'expectedMg',
      'check',
      'overrideReason',
      'overrideAccepts',
      'orderedById',
      'orderedAt',
    ],
    json: ['check'],
    arrays: ['overrideAccepts'],
  },
  DoseEvent: {
    columns: [
      'id',
      'sessionId',
      'orderId',
      'kind',
      'at',
      'rateMgPerHour',
      'mg',
      'overrideById',
      'overrideReason',
      'overrideAccepts',
      'byId',
      'recordedAt',
    ],
    arrays: ['overrideAccepts'],
  },
  AdverseEvent: {
    columns: [
      'id',
      'sessionId',
      'status',
      'term',
      'grade',
      'onsetAt',
      'actions',
      'outcome',
      'serious',
      'description',
      'readingId',
      'dismissReason',
      'recordedById',
      'createdAt',
      'decidedById',
      'decidedAt',
      'version',
    ],
    arrays: ['actions'],
  },
  HomeDose: {
    columns: [
      'id',
      'clinicId',
      'patientId',
      'courseId',
      'route',
      'mg',
      'takenAt',
      'note',
      'recordedById',
      'recordedAt',
      'followUpRecordId',
    ],
  },
  FollowUp: {
    columns: [
      'id',
      'clinicId',
      'courseId',
      'patientId',
      'offsetDays',
      'dueOn',
      'opensOn',
      'closesOn',
      'opensAt',
      'closesAt',
      'status',
      'statusAt',
      'version',
      'createdAt',
    ],
  },
  FollowUpLink: { columns: ['id', 'followUpId', 'tokenHash', 'expiresAt', 'usedAt', 'createdById', 'createdAt'] },
  FollowUpRecord: {
    columns: [
      'id',
      'followUpId',
      'clinicId',
      'patientId',
      'channel',
      'recordedAt',
      'recordedById',
      'linkId',
      'painNrsNow',
      'painNrs7DayAverage',
      'painInterference',
      'painInterferenceRaw',
      'painInterferenceT',
      'phq9',
      'phq9Total',
      'bladder',
      'bladderPositive',
      'bladderReviewedById',
      'bladderReviewedAt',
      'bladderReviewNote',
      'supportingCare',
      'note',
      'createdAt',
    ],
    json: ['painInterference', 'phq9', 'bladder'],
    arrays: ['bladderPositive', 'supportingCare'],
  },
  BoosterTask: {
    columns: [
      'id',
      'clinicId',
      'patientId',
      'courseId',
      'dueBy',
      'reason',
      'status',
      'bookedCourseId',
      'decidedById',
      'decidedAt',
      'dismissReason',
      'createdAt',
    ],
  },
  /** Not a table: the signatures applied to InfusionSession once its entries are in (see generate.ts). */
  signatures: { columns: ['id', 'nurseSignedById', 'nurseSignedAt', 'clinicianSignedById', 'clinicianSignedAt'] },
} satisfies Record<string, TableSpec>;

export type TableName = keyof typeof TABLES;

/** Table names in write order, without the signatures' staging. */
export const WRITE_ORDER = (Object.keys(TABLES) as TableName[]).filter((t) => t !== 'signatures');

const kindsOf = new Map<TableName, Kind[]>(
  (Object.entries(TABLES) as [TableName, TableSpec][]).map(([name, spec]) => [
    name,
    spec.columns.map((c) => (spec.json?.includes(c) ? 'json' : spec.arrays?.includes(c) ? 'array' : 'plain')),
  ]),
);

/** Rows as COPY text-format lines (tab-separated, \N for null, backslash escapes). */
export function copyText(table: TableName, rows: readonly Row[]): string {
  const { columns } = TABLES[table];
  const kinds = kindsOf.get(table)!;
  const lines: string[] = [];
  for (const row of rows) {
    const fields: string[] = [];
    for (let i = 0; i < columns.length; i++) {
      const value = row[columns[i]];
      if (value === null || value === undefined) {
        fields.push('\\N');
        continue;
      }
      const kind = kinds[i];
      const text =
        kind === 'json'
          ? JSON.stringify(value)
          : kind === 'array'
            ? arrayLiteral(value as readonly unknown[])
            : String(value);
      fields.push(escapeCopy(text));
    }
    lines.push(fields.join('\t'));
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map((v) => `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

function escapeCopy(text: string): string {
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : text;
}

/** The COPY statement of a table (or the signatures' staging table). */
export function copyStatement(table: TableName): string {
  const target = table === 'signatures' ? 'generator_signatures' : `"${table}"`;
  return `COPY ${target} (${TABLES[table].columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`;
}
