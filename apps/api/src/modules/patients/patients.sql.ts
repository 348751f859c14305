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

/** Counting stops past this many matches: beyond it a person refines the search rather than reads on. */
export const SEARCH_COUNT_CAP = 1000;

const COLUMNS = Prisma.sql`p.id, p.mrn, p."givenName", p."familyName", p."dateOfBirth", p.sex`;

/**
 * A page of matches, the number of matches up to one past SEARCH_COUNT_CAP (`matched`, on every
 * row, and on a single all-null row when the page is empty), and a SEARCH audit row per patient
 * shown. Every word must match the family name, given name or MRN (the trigram-indexed column
 * "searchText"); a word without three letters or digits in a row, which a trigram index cannot
 * look up inside names, matches the start of a name or MRN word instead. A single word with a
 * digit that is a patient's whole MRN, in any case, finds that patient alone. A single word of
 * three or four characters is answered from the patients' search grams, with the same matches in
 * the same order (searchGram). Given the caller's session check, nothing matches unless that
 * session is live.
 */
export function searchStatement(criteria: SearchCriteria, audit: AuditEntry, live?: LiveSessionCheck): Prisma.Sql {
  const gram = searchGram(criteria);
  if (gram) return gramSearch(criteria, gram, audit, live);
  const base = [Prisma.sql`p."clinicId" = ${criteria.clinicId}::uuid`];
  if (live) base.push(liveSessionCondition(live));
  if (criteria.dateOfBirth) base.push(Prisma.sql`p."dateOfBirth" = ${criteria.dateOfBirth}::date`);
  const words = [...base, ...criteria.words.map(wordCondition)];
  const [only] = criteria.words;
  const mrn = criteria.words.length === 1 && /\d/.test(only) ? only : undefined;
  const matches = mrn
    ? // Without the whole MRN in the clinic, the one-time NOT EXISTS lets the word search run.
      Prisma.sql`
        SELECT ${COLUMNS} FROM "Patient" p
        WHERE ${Prisma.join(base, ' AND ')} AND lower(p.mrn) = lower(${mrn})
        UNION ALL
        SELECT ${COLUMNS} FROM "Patient" p
        WHERE ${Prisma.join(words, ' AND ')} AND NOT EXISTS (
          SELECT 1 FROM "Patient" e WHERE e."clinicId" = ${criteria.clinicId}::uuid AND lower(e.mrn) = lower(${mrn}))`
    : Prisma.sql`SELECT ${COLUMNS} FROM "Patient" p WHERE ${Prisma.join(words, ' AND ')}`;
  // Matches of a search cluster by family name, the order's first key, so walking the name index
  // in order reads most of the clinic before finding a page of Walkers: a search collects its
  // matches through the trigram index first (MATERIALIZED), then sorts them. A listing walks the
  // name index.
  const fence = criteria.words.length ? Prisma.sql`MATERIALIZED` : Prisma.sql`NOT MATERIALIZED`;
  return pageCountedAudited(
    Prisma.sql`matches AS ${fence} (${matches}),`,
    Prisma.sql`SELECT * FROM matches ORDER BY "familyName", "givenName", id LIMIT ${criteria.take} OFFSET ${criteria.skip}`,
    Prisma.sql`SELECT 1 FROM matches`,
    audit,
  );
}

/**
 * The one word of a search that the patients' search grams answer exactly: three or four
 * characters, none of them a space, hyphen or apostrophe (which "searchText" holds as spaces) or
 * a digit (which may be a whole MRN), with no date of birth to narrow by.
 */
export function searchGram(criteria: SearchCriteria): string | undefined {
  if (criteria.dateOfBirth || criteria.words.length !== 1) return undefined;
  const [word] = criteria.words;
  return /^[^\s'\-\d]{3,4}$/u.test(word) ? word : undefined;
}

/**
 * A broad search, a few letters of a common name that thousands of patients share, read off
 * "PatientSearchGram" in name order: the page is its first rows and the count stops at the cap,
 * where the trigram index would visit and sort every match.
 */
function gramSearch(criteria: SearchCriteria, gram: string, audit: AuditEntry, live?: LiveSessionCheck): Prisma.Sql {
  const session = live ? Prisma.sql`AND ${liveSessionCondition(live)}` : Prisma.empty;
  const match = Prisma.sql`g."clinicId" = ${criteria.clinicId}::uuid AND g.gram = lower(${gram}) ${session}`;
  return pageCountedAudited(
    Prisma.empty,
    Prisma.sql`
      SELECT ${COLUMNS} FROM "PatientSearchGram" g JOIN "Patient" p ON p.id = g."patientId" WHERE ${match}
      ORDER BY g."familyName", g."givenName", g."patientId" LIMIT ${criteria.take} OFFSET ${criteria.skip}`,
    Prisma.sql`SELECT 1 FROM "PatientSearchGram" g WHERE ${match}`,
    audit,
  );
}

function pageCountedAudited(before: Prisma.Sql, page: Prisma.Sql, matches: Prisma.Sql, audit: AuditEntry): Prisma.Sql {
  return Prisma.sql`
    WITH ${before} page AS (${page}
    ), counted AS (
      SELECT count(*)::int AS matched FROM (${matches} LIMIT ${SEARCH_COUNT_CAP + 1}) capped
    ), audit AS (
      INSERT INTO "AuditEvent" ("actorId", action, entity, "entityId", "patientId", "requestId", ip, fields)
      SELECT ${audit.actorId}::uuid, ${audit.action}, ${audit.entity}, page.id::text, page.id, ${audit.requestId}, ${audit.ip}, ${audit.fields}::text[]
      FROM page
    )
    SELECT counted.matched, page.id, page.mrn, page."givenName", page."familyName",
           to_char(page."dateOfBirth", 'YYYY-MM-DD') AS "dateOfBirth", page.sex::text AS sex
    FROM counted LEFT JOIN page ON true
    ORDER BY page."familyName", page."givenName", page.id`;
}

/**
 * One search word's condition on "searchText", written the way that column is (lower case,
 * hyphens and apostrophes as spaces): a plain LIKE, which costs a fifth of an ILIKE per row.
 */
export function wordCondition(word: string): Prisma.Sql {
  const text = word.replace(/['-]/g, ' ');
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  if (/[\p{L}\p{N}]{3}/u.test(text)) return Prisma.sql`p."searchText" LIKE lower(${`%${escaped}%`})`;
  return Prisma.sql`(p."searchText" LIKE lower(${`${escaped}%`}) OR p."searchText" LIKE lower(${`% ${escaped}%`}))`;
}
