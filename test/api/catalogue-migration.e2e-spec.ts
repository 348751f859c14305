// The migration that gives each clinic its catalogue, run against a database that has the shared
// catalogue of before: every clinic gets its own copy of every version, each screening and course
// points at its own clinic's copy of the version it used, no version is left without a clinic,
// and the triggers that keep published versions and signed screenings final are back in force.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { admin, urlFor } from '../support/database';

const MIGRATIONS = path.join(__dirname, '..', '..', 'prisma', 'migrations');
const TARGET = readdirSync(MIGRATIONS).find((name) => name.endsWith('_clinic_catalogue'))!;
const sql = (name: string) => readFileSync(path.join(MIGRATIONS, name, 'migration.sql'), 'utf8');

const CLINIC_A = '11111111-1111-4111-8111-111111111111';
const CLINIC_B = '22222222-2222-4222-8222-222222222222';
const GENERAL_V1 = '33333333-3333-4333-8333-333333333331';
const GENERAL_V2 = '33333333-3333-4333-8333-333333333332';
const SINGLE_V1 = '44444444-4444-4444-8444-444444444441';
const SINGLE_V2 = '44444444-4444-4444-8444-444444444442';

describe('migration: each clinic owns its catalogue', () => {
  const name = `cadence_test_${process.pid}_catalogue_${randomBytes(4).toString('hex')}`;
  let db: pg.Client;

  beforeAll(async () => {
    await admin((c) => c.query(`CREATE DATABASE "${name}"`));
    db = new pg.Client({ connectionString: urlFor(name) });
    await db.connect();
    for (const before of readdirSync(MIGRATIONS)
      .filter((m) => m < TARGET && m !== 'migration_lock.toml')
      .sort()) {
      await db.query(sql(before));
    }
    // The shared catalogue of before, used by both clinics: a signed screening and a course on an
    // old version in each, a draft on the current one.
    await db.query(`
      INSERT INTO "Clinic" (id, name, timezone) VALUES ('${CLINIC_A}', 'A', 'Europe/London'), ('${CLINIC_B}', 'B', 'Europe/London');
      INSERT INTO "User" (id, "clinicId", email, "displayName", "passwordHash", roles) VALUES
        ('aaaaaaaa-0000-4000-8000-00000000000a', '${CLINIC_A}', 'a@test', 'A', 'x', '{CLINICIAN}'),
        ('bbbbbbbb-0000-4000-8000-00000000000b', '${CLINIC_B}', 'b@test', 'B', 'x', '{CLINICIAN}');
      INSERT INTO "ScreeningTemplate" (id, key, kind, version, title, definition) VALUES
        ('${GENERAL_V1}', 'general', 'GENERAL', 1, 'General', '{"items":[]}'),
        ('${GENERAL_V2}', 'general', 'GENERAL', 2, 'General', '{"items":[1]}');
      INSERT INTO "Protocol" (id, key, version, name, route, setting, definition, active) VALUES
        ('${SINGLE_V1}', 'IV_SINGLE', 1, 'Single', 'IV', 'CHAIR', '{"v":1}', false),
        ('${SINGLE_V2}', 'IV_SINGLE', 2, 'Single', 'IV', 'CHAIR', '{"v":2}', true);
      INSERT INTO "Patient" (id, "clinicId", mrn, "givenName", "familyName", "dateOfBirth", sex, "updatedAt") VALUES
        ('aaaaaaaa-0000-4000-8000-0000000000a1', '${CLINIC_A}', 'M1', 'P', 'A', '1980-01-01', 'FEMALE', now()),
        ('bbbbbbbb-0000-4000-8000-0000000000b1', '${CLINIC_B}', 'M1', 'P', 'B', '1980-01-01', 'FEMALE', now());
      INSERT INTO "Screening" (id, "clinicId", "patientId", "templateId", kind, status, "createdById", "updatedAt") VALUES
        ('aaaaaaaa-0000-4000-8000-0000000000a2', '${CLINIC_A}', 'aaaaaaaa-0000-4000-8000-0000000000a1', '${GENERAL_V1}', 'GENERAL', 'DRAFT', 'aaaaaaaa-0000-4000-8000-00000000000a', now()),
        ('aaaaaaaa-0000-4000-8000-0000000000a3', '${CLINIC_A}', 'aaaaaaaa-0000-4000-8000-0000000000a1', '${GENERAL_V2}', 'GENERAL', 'DRAFT', 'aaaaaaaa-0000-4000-8000-00000000000a', now()),
        ('bbbbbbbb-0000-4000-8000-0000000000b2', '${CLINIC_B}', 'bbbbbbbb-0000-4000-8000-0000000000b1', '${GENERAL_V1}', 'GENERAL', 'DRAFT', 'bbbbbbbb-0000-4000-8000-00000000000b', now());
      UPDATE "Screening" SET status = 'SIGNED' WHERE "templateId" = '${GENERAL_V1}';
      INSERT INTO "Course" (id, "clinicId", "patientId", "protocolId", "bookedById", "sessionCount", "updatedAt") VALUES
        ('aaaaaaaa-0000-4000-8000-0000000000a4', '${CLINIC_A}', 'aaaaaaaa-0000-4000-8000-0000000000a1', '${SINGLE_V1}', 'aaaaaaaa-0000-4000-8000-00000000000a', 1, now()),
        ('bbbbbbbb-0000-4000-8000-0000000000b4', '${CLINIC_B}', 'bbbbbbbb-0000-4000-8000-0000000000b1', '${SINGLE_V2}', 'bbbbbbbb-0000-4000-8000-00000000000b', 1, now());
    `);
    await db.query(sql(TARGET));
  });

  afterAll(async () => {
    await db?.end();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  });

  it('gives every clinic its own copy of every version and leaves none without a clinic', async () => {
    const templates = await db.query(
      `SELECT "clinicId", key, version, definition FROM "ScreeningTemplate" ORDER BY "clinicId", version`,
    );
    expect(templates.rows).toEqual(
      [CLINIC_A, CLINIC_B].flatMap((clinicId) => [
        { clinicId, key: 'general', version: 1, definition: { items: [] } },
        { clinicId, key: 'general', version: 2, definition: { items: [1] } },
      ]),
    );
    const protocols = await db.query(`SELECT "clinicId", version, active FROM "Protocol" ORDER BY "clinicId", version`);
    expect(protocols.rows).toEqual(
      [CLINIC_A, CLINIC_B].flatMap((clinicId) => [
        { clinicId, version: 1, active: false },
        { clinicId, version: 2, active: true },
      ]),
    );
    const shared = await db.query(
      `SELECT id FROM "ScreeningTemplate" WHERE id IN ($1, $2) UNION SELECT id FROM "Protocol" WHERE id IN ($3, $4)`,
      [GENERAL_V1, GENERAL_V2, SINGLE_V1, SINGLE_V2],
    );
    expect(shared.rows).toEqual([]);
  });

  it('points each screening and course at its own clinic’s copy of the version it used', async () => {
    const screenings = await db.query(
      `SELECT s.id, s.status, t."clinicId" = s."clinicId" AS "ownClinic", t.version
       FROM "Screening" s JOIN "ScreeningTemplate" t ON t.id = s."templateId" ORDER BY s.id`,
    );
    expect(screenings.rows).toEqual([
      { id: 'aaaaaaaa-0000-4000-8000-0000000000a2', status: 'SIGNED', ownClinic: true, version: 1 },
      { id: 'aaaaaaaa-0000-4000-8000-0000000000a3', status: 'DRAFT', ownClinic: true, version: 2 },
      { id: 'bbbbbbbb-0000-4000-8000-0000000000b2', status: 'SIGNED', ownClinic: true, version: 1 },
    ]);
    const courses = await db.query(
      `SELECT c.id, p."clinicId" = c."clinicId" AS "ownClinic", p.version
       FROM "Course" c JOIN "Protocol" p ON p.id = c."protocolId" ORDER BY c.id`,
    );
    expect(courses.rows).toEqual([
      { id: 'aaaaaaaa-0000-4000-8000-0000000000a4', ownClinic: true, version: 1 },
      { id: 'bbbbbbbb-0000-4000-8000-0000000000b4', ownClinic: true, version: 2 },
    ]);
  });

  it('keeps published versions and signed screenings final, and refuses cross-clinic references', async () => {
    await expect(db.query(`UPDATE "ScreeningTemplate" SET title = 'x'`)).rejects.toThrow(/published/);
    await expect(db.query(`DELETE FROM "Protocol"`)).rejects.toThrow(/published/);
    await expect(db.query(`UPDATE "Screening" SET answers = '{"x":1}' WHERE status = 'SIGNED'`)).rejects.toThrow(
      /signed records are never edited/,
    );
    await expect(
      db.query(
        `UPDATE "Course" SET "protocolId" = (SELECT id FROM "Protocol" WHERE "clinicId" = $1 LIMIT 1) WHERE "clinicId" = $2`,
        [CLINIC_A, CLINIC_B],
      ),
    ).rejects.toThrow(/Course_clinicId_protocolId_fkey/);
    await expect(
      db.query(
        `UPDATE "Screening" SET "templateId" = (SELECT id FROM "ScreeningTemplate" WHERE "clinicId" = $1 LIMIT 1)
         WHERE status = 'DRAFT'`,
        [CLINIC_B],
      ),
    ).rejects.toThrow(/Screening_clinicId_templateId_fkey/);
  });
});
