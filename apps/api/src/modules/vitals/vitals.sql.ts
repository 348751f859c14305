// The statements behind the flowsheet, each one round trip. A reading is written without the
// session's row lock FOR UPDATE: it takes the lock FOR SHARE (as the database trigger does), so two
// tablets writing at once never wait for each other, while a discharge or a signature (FOR UPDATE)
// is waited for and then seen. Plain functions so the infusion benchmark can run the same SQL.
import { Prisma } from '@prisma/client';
import { liveSessionCondition, type LiveSessionCheck } from '../../common/auth/live-session';
import type { AuditEntry } from '../audit/audit-entry';

/** The vital-sign columns, in the order the domain lists them. */
export const SIGN_COLUMNS = [
  'systolic',
  'diastolic',
  'heartRate',
  'spo2',
  'respiratoryRate',
  'rass',
  'dissociation',
] as const;
export type SignColumn = (typeof SIGN_COLUMNS)[number];

export const OPEN_STATES = ['CHECKED_IN', 'INFUSING', 'IN_RECOVERY'] as const;

const READING_FIELDS = (alias: string) => `
  'id', ${alias}.id, 'sessionId', ${alias}."sessionId", 'takenAt', ${alias}."takenAt",
  'systolic', ${alias}.systolic, 'diastolic', ${alias}.diastolic, 'heartRate', ${alias}."heartRate",
  'spo2', ${alias}.spo2, 'respiratoryRate', ${alias}."respiratoryRate", 'rass', ${alias}.rass,
  'dissociation', ${alias}.dissociation, 'alerts', ${alias}.alerts, 'recordedById', ${alias}."recordedById",
  'recordedAt', ${alias}."recordedAt", 'voidedById', ${alias}."voidedById", 'voidedAt', ${alias}."voidedAt",
  'voidReason', ${alias}."voidReason"`;

/** A reading as the flowsheet lists it. */
const READING_JSON = (alias: string) => Prisma.raw(`json_build_object(${READING_FIELDS(alias)})`);

/** A reading with the drafts its alerts opened (found through the session's index, not a scan). */
const READING_WITH_DRAFTS_JSON = (alias: string) =>
  Prisma.raw(`json_build_object(${READING_FIELDS(alias)},
  'draftAdverseEventIds', ARRAY(SELECT ae.id FROM "AdverseEvent" ae
    WHERE ae."sessionId" = ${alias}."sessionId" AND ae."readingId" = ${alias}.id ORDER BY ae."createdAt", ae.id))`);

/** A reading as its statement returns it (json: instants as ISO text). */
export interface ReadingRow {
  id: string;
  sessionId: string;
  takenAt: string;
  systolic: number | null;
  diastolic: number | null;
  heartRate: number | null;
  spo2: number | null;
  respiratoryRate: number | null;
  rass: number | null;
  dissociation: number | null;
  alerts: unknown[];
  recordedById: string;
  recordedAt: string;
  voidedById: string | null;
  voidedAt: string | null;
  voidReason: string | null;
}

export type ReadingWithDraftsRow = ReadingRow & { draftAdverseEventIds: string[] };

/** What a reading's write and the flowsheet read of their session: its state and effective settings' sources. */
export interface SessionContextRow {
  id: string;
  patientId: string;
  state: 'CHECKED_IN' | 'INFUSING' | 'IN_RECOVERY' | 'DISCHARGED';
  startedAt: Date | null;
  nurseSignedAt: Date | null;
  clinicSettings: unknown;
  protocolIntervalMinutes: number | null;
  /** The protocol's `infusionOverrides` (alert limits of its own), if any. */
  protocolOverrides: unknown;
}

const SESSION_CONTEXT = Prisma.sql`
  s.id, s."patientId", s.state::text AS state, s."startedAt", s."nurseSignedAt",
  c."infusionSettings" AS "clinicSettings",
  (p.definition->>'vitalsIntervalMinutes')::int AS "protocolIntervalMinutes",
  p.definition->'infusionOverrides' AS "protocolOverrides"`;

const SESSION_JOINS = Prisma.sql`
  FROM "InfusionSession" s
  JOIN "Clinic" c ON c.id = s."clinicId"
  JOIN "Course" co ON co.id = s."courseId"
  JOIN "Protocol" p ON p.id = co."protocolId"`;

/**
 * Before a reading is written: its session (of this clinic) with the settings' sources, a stored
 * reading with the same id (a retry), and the session's last reading not voided taken before it
 * (a crossing both share is a repeat).
 */
export function beforeReadingStatement(
  clinicId: string,
  sessionId: string,
  readingId: string,
  takenAt: Date,
  live?: LiveSessionCheck,
) {
  return Prisma.sql`
    SELECT ${SESSION_CONTEXT},
      (SELECT ${READING_WITH_DRAFTS_JSON('r')} FROM "VitalsReading" r WHERE r.id = ${readingId}::uuid) AS existing,
      -- Built for the one row found, not for every row the sort looks at.
      (SELECT ${READING_JSON('r')} FROM (
        SELECT * FROM "VitalsReading" v
        WHERE v."sessionId" = s.id AND v."voidedAt" IS NULL AND v."takenAt" < ${takenAt}
        ORDER BY v."takenAt" DESC LIMIT 1) r) AS previous
    ${SESSION_JOINS}
    WHERE s.id = ${sessionId}::uuid AND s."clinicId" = ${clinicId}::uuid ${liveAnd(live)}`;
}

/** Given the caller's session check, nothing is found (nor audited) unless that session is live. */
const liveAnd = (live?: LiveSessionCheck) => (live ? Prisma.sql`AND ${liveSessionCondition(live)}` : Prisma.empty);

export interface NewReading {
  id: string;
  sessionId: string;
  takenAt: Date;
  signs: Partial<Record<SignColumn, number>>;
  alerts: unknown[];
  recordedById: string;
  /** The adverse events the alerts draft, for the nurse to confirm or dismiss. */
  drafts: { term: string; grade: number | null; description: string | null }[];
}

export interface InsertReadingResult {
  /** The session was open for readings (this clinic's, not discharged, not signed). */
  open: boolean;
  /** Null when a row with this id already existed (a retry racing its first attempt). */
  reading: ReadingWithDraftsRow | null;
}

/**
 * The reading, the adverse events its alerts draft, and their audit rows, in one statement (so
 * all or nothing). ON CONFLICT (id) DO NOTHING: a retry that races its first attempt inserts
 * nothing and the caller compares the stored row.
 */
export function insertReadingStatement(clinicId: string, reading: NewReading, audit: AuditEntry, patientId: string) {
  const value = (sign: SignColumn) => reading.signs[sign] ?? null;
  return Prisma.sql`
    WITH s AS (
      SELECT id FROM "InfusionSession"
      WHERE id = ${reading.sessionId}::uuid AND "clinicId" = ${clinicId}::uuid
        AND state::text IN (${Prisma.join([...OPEN_STATES])}) AND "nurseSignedAt" IS NULL
      FOR SHARE
    ), r AS (
      INSERT INTO "VitalsReading" (id, "sessionId", "takenAt", systolic, diastolic, "heartRate", spo2,
        "respiratoryRate", rass, dissociation, alerts, "recordedById")
      SELECT ${reading.id}::uuid, s.id, ${reading.takenAt}, ${value('systolic')}::smallint,
        ${value('diastolic')}::smallint, ${value('heartRate')}::smallint, ${value('spo2')}::smallint,
        ${value('respiratoryRate')}::smallint, ${value('rass')}::smallint, ${value('dissociation')}::smallint,
        ${JSON.stringify(reading.alerts)}::jsonb, ${reading.recordedById}::uuid
      FROM s
      ON CONFLICT (id) DO NOTHING
      RETURNING *
    ), d AS (
      INSERT INTO "AdverseEvent" (id, "sessionId", status, term, grade, "onsetAt", description, "readingId", "recordedById")
      SELECT gen_random_uuid(), r."sessionId", 'DRAFT', x.term, x.grade, r."takenAt", x.description, r.id, r."recordedById"
      FROM r CROSS JOIN jsonb_to_recordset(${JSON.stringify(reading.drafts)}::jsonb) AS x(term text, grade smallint, description text)
      RETURNING id, "createdAt"
    ), a AS (
      INSERT INTO "AuditEvent" ("actorId", action, entity, "entityId", "patientId", "requestId", ip, fields)
      SELECT ${audit.actorId}::uuid, 'CREATE', 'VitalsReading', r.id::text, ${patientId}::uuid, ${audit.requestId},
        ${audit.ip}, ${audit.fields}::text[]
      FROM r
      UNION ALL
      SELECT ${audit.actorId}::uuid, 'CREATE', 'AdverseEvent', d.id::text, ${patientId}::uuid, ${audit.requestId},
        ${audit.ip}, ARRAY['status', 'term', 'grade', 'onsetAt', 'readingId']
      FROM d
    )
    SELECT EXISTS (SELECT 1 FROM s) AS open,
      (SELECT json_build_object(
        'id', r.id, 'sessionId', r."sessionId", 'takenAt', r."takenAt", 'systolic', r.systolic,
        'diastolic', r.diastolic, 'heartRate', r."heartRate", 'spo2', r.spo2, 'respiratoryRate', r."respiratoryRate",
        'rass', r.rass, 'dissociation', r.dissociation, 'alerts', r.alerts, 'recordedById', r."recordedById",
        'recordedAt', r."recordedAt", 'voidedById', NULL, 'voidedAt', NULL, 'voidReason', NULL,
        'draftAdverseEventIds', ARRAY(SELECT d.id FROM d ORDER BY d."createdAt", d.id)) FROM r) AS reading`;
}

/**
 * The session with the settings' sources, every reading by when it was taken, and the READ audit
 * row; given the caller's session check, only while that session is live.
 */
export function flowsheetStatement(clinicId: string, sessionId: string, audit: AuditEntry, live?: LiveSessionCheck) {
  return Prisma.sql`
    WITH session AS (
      SELECT ${SESSION_CONTEXT}
      ${SESSION_JOINS}
      WHERE s.id = ${sessionId}::uuid AND s."clinicId" = ${clinicId}::uuid ${liveAnd(live)}
    ), a AS (
      INSERT INTO "AuditEvent" ("actorId", action, entity, "entityId", "patientId", "requestId", ip, fields)
      SELECT ${audit.actorId}::uuid, ${audit.action}, ${audit.entity}, session.id::text, session."patientId", ${audit.requestId},
        ${audit.ip}, ${audit.fields}::text[]
      FROM session
    )
    SELECT session.*, COALESCE((
      SELECT json_agg(${READING_JSON('r')} ORDER BY r."takenAt", r."recordedAt", r.id)
      FROM "VitalsReading" r WHERE r."sessionId" = session.id), '[]'::json) AS readings
    FROM session`;
}
