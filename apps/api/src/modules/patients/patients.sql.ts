// The statements behind patient reads and searches, each one round trip that also writes its
// audit rows. Plain functions so the HTTP benchmark's baseline can run exactly the same SQL.
import { Prisma } from '@prisma/client';
import { liveSessionCondition, type LiveSessionCheck } from '../../common/auth/live-session';
import type { AuditEntry } from '../audit/audit-entry';

export interface SearchCriteria {
  clinicId: string;
  words: string[];
  dateOfBirth?: string;
  skip: number;
  take: number;
}

const PATIENT_COLUMNS = Prisma.sql`
  p.id, p.mrn, p."givenName", p."familyName", to_char(p."dateOfBirth", 'YYYY-MM-DD') AS "dateOfBirth",
  p.sex::text AS sex, p."weightKg"::float8 AS "weightKg", p.phone, p.email, p."escortName", p."escortPhone",
  p.version, p."createdAt", p."updatedAt"`;

const DIAGNOSES = Prisma.sql`COALESCE((
  SELECT json_agg(json_build_object('id', d.id, 'icd10Code', d."icd10Code", 'description', d.description,
    'painMechanism', d."painMechanism", 'isPrimary', d."isPrimary") ORDER BY d."isPrimary" DESC, d."recordedAt", d.id)
  FROM "Diagnosis" d WHERE d."patientId" = patient.id), '[]'::json) AS diagnoses`;

/**
 * The record and its READ audit row: the row is written exactly when the record is returned, and,
 * given the caller's session check, only while that session is live.
 */
export function readStatement(clinicId: string, id: string, audit: AuditEntry, live?: LiveSessionCheck): Prisma.Sql {
  const session = live ? Prisma.sql`AND ${liveSessionCondition(live)}` : Prisma.empty;
  return Prisma.sql`
    WITH patient AS (
      SELECT ${PATIENT_COLUMNS} FROM "Patient" p WHERE p.id = ${id}::uuid AND p."clinicId" = ${clinicId}::uuid ${session}
    ), audit AS (
      INSERT INTO "AuditEvent" ("actorId", action, entity, "entityId", "patientId", "requestId", ip, fields)
      SELECT ${audit.actorId}::uuid, ${audit.action}, ${audit.entity}, patient.id::text, patient.id, ${audit.requestId}, ${audit.ip}, '{}'::text[]
      FROM patient
    )
    SELECT patient.*, ${DIAGNOSES} FROM patient`;
}

/**
 * A page of matches, the total, and a SEARCH audit row per patient shown. Every word must match
 * the given name, family name or MRN (trigram-indexed ILIKE). Given the caller's session check,
 * nothing matches unless that session is live.
 */
export function searchStatement(criteria: SearchCriteria, audit: AuditEntry, live?: LiveSessionCheck): Prisma.Sql {
  const conditions = [Prisma.sql`p."clinicId" = ${criteria.clinicId}::uuid`];
  if (live) conditions.push(liveSessionCondition(live));
  for (const word of criteria.words) {
    const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      Prisma.sql`(p."familyName" ILIKE ${pattern} OR p."givenName" ILIKE ${pattern} OR p.mrn ILIKE ${pattern})`,
    );
  }
  if (criteria.dateOfBirth) conditions.push(Prisma.sql`p."dateOfBirth" = ${criteria.dateOfBirth}::date`);
  return Prisma.sql`
    WITH hits AS (
      SELECT p.id, p.mrn, p."givenName", p."familyName", to_char(p."dateOfBirth", 'YYYY-MM-DD') AS "dateOfBirth",
             p.sex::text AS sex, count(*) OVER () AS total
      FROM "Patient" p
      WHERE ${Prisma.join(conditions, ' AND ')}
      ORDER BY p."familyName", p."givenName", p.id
      LIMIT ${criteria.take} OFFSET ${criteria.skip}
    ), audit AS (
      INSERT INTO "AuditEvent" ("actorId", action, entity, "entityId", "patientId", "requestId", ip, fields)
      SELECT ${audit.actorId}::uuid, ${audit.action}, ${audit.entity}, hits.id::text, hits.id, ${audit.requestId}, ${audit.ip}, ${audit.fields}::text[]
      FROM hits
    )
    SELECT * FROM hits`;
}
