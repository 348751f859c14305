// The API serves requests as a database role that owns nothing (the test databases are set up like
// production: migrations as the owner role, requests as the runtime role), so a compromised API
// cannot switch off or drop the triggers that keep the audit trail append-only, nor skip them.
import pg from 'pg';
import { startTestApp, TestContext } from '../support/context';

describe('database roles', () => {
  let ctx: TestContext;
  let runtime: pg.Client;
  beforeAll(async () => {
    ctx = await startTestApp();
    runtime = new pg.Client({ connectionString: ctx.config.databaseUrl });
    await runtime.connect();
  });
  afterAll(async () => {
    await runtime?.end();
    await ctx.close();
  });

  /** Runs `sql` as the runtime role in a transaction that is rolled back, and returns its SQLSTATE. */
  async function refusal(sql: string): Promise<string | undefined> {
    await runtime.query('BEGIN');
    try {
      await runtime.query(sql);
      return undefined;
    } catch (error) {
      return (error as { code?: string }).code;
    } finally {
      await runtime.query('ROLLBACK');
    }
  }

  it('serves the API as a role that is no superuser, owns nothing and is not the migrations owner', async () => {
    const { rows } = await runtime.query<{ rolsuper: boolean; owned: number; user: string }>(
      `SELECT r.rolsuper, r.rolname AS user,
              (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid)
            + (SELECT count(*)::int FROM pg_proc p WHERE p.proowner = r.oid)
            + (SELECT count(*)::int FROM pg_type t WHERE t.typowner = r.oid) AS owned
       FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(rows).toEqual([{ rolsuper: false, owned: 0, user: expect.any(String) }]);
    const { rows: owners } = await runtime.query<{ owner: string }>(
      `SELECT DISTINCT pg_get_userbyid(relowner) AS owner FROM pg_class
       WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'`,
    );
    expect(owners.map((o) => o.owner)).not.toContain(rows[0]?.user);
  });

  it('cannot disable or drop the audit triggers, nor turn triggers off for its session', async () => {
    const { rows: triggers } = await runtime.query<{ tgname: string }>(
      `SELECT tgname FROM pg_trigger WHERE tgrelid = '"AuditEvent"'::regclass AND NOT tgisinternal ORDER BY tgname`,
    );
    expect(triggers.map((t) => t.tgname)).toEqual(['AuditEvent_no_truncate', 'AuditEvent_no_update_or_delete']);
    // 42501 insufficient_privilege: must be the table's owner, or a superuser for the setting.
    expect(await refusal(`ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`)).toBe('42501');
    expect(await refusal(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_no_update_or_delete"`)).toBe('42501');
    for (const { tgname } of triggers) {
      expect(await refusal(`DROP TRIGGER "${tgname}" ON "AuditEvent"`)).toBe('42501');
    }
    expect(await refusal(`DROP FUNCTION audit_event_is_append_only() CASCADE`)).toBe('42501');
    expect(await refusal(`SET session_replication_role = replica`)).toBe('42501');
    expect(await refusal(`SET LOCAL session_replication_role = replica`)).toBe('42501');
    expect(await refusal(`ALTER TABLE "AuditEvent" OWNER TO CURRENT_USER`)).toBe('42501');
  });

  it('may only add to and read the audit trail: UPDATE, DELETE and TRUNCATE are refused by privilege', async () => {
    const insert = `INSERT INTO "AuditEvent" (action, entity) VALUES ('READ', 'Patient')`;
    expect(await refusal(insert)).toBeUndefined();
    expect(await refusal(`SELECT count(*) FROM "AuditEvent"`)).toBeUndefined();
    expect(await refusal(`UPDATE "AuditEvent" SET action = 'X'`)).toBe('42501');
    expect(await refusal(`DELETE FROM "AuditEvent"`)).toBe('42501');
    expect(await refusal(`TRUNCATE "AuditEvent"`)).toBe('42501');
  });

  it("may only read the course outcomes, which its writes keep through the owner's triggers", async () => {
    expect(await refusal(`SELECT count(*) FROM "CourseOutcome"`)).toBeUndefined();
    expect(await refusal(`UPDATE "CourseOutcome" SET records = 0`)).toBe('42501');
    expect(await refusal(`DELETE FROM "CourseOutcome"`)).toBe('42501');
    expect(await refusal(`INSERT INTO "CourseOutcome" SELECT * FROM "CourseOutcome"`)).toBe('42501');
    expect(await refusal(`ALTER TABLE "FollowUpRecord" DISABLE TRIGGER "FollowUpRecord_outcome_insert"`)).toBe('42501');
    expect(await refusal(`DROP FUNCTION course_outcome_refresh(uuid[]) CASCADE`)).toBe('42501');
  });

  it("may only read the patients' search grams, which its writes keep through the owner's triggers", async () => {
    expect(await refusal(`SELECT count(*) FROM "PatientSearchGram"`)).toBeUndefined();
    expect(await refusal(`UPDATE "PatientSearchGram" SET gram = 'xyz'`)).toBe('42501');
    expect(await refusal(`DELETE FROM "PatientSearchGram"`)).toBe('42501');
    expect(await refusal(`INSERT INTO "PatientSearchGram" SELECT * FROM "PatientSearchGram"`)).toBe('42501');
    expect(await refusal(`ALTER TABLE "Patient" DISABLE TRIGGER "Patient_search_gram_insert"`)).toBe('42501');
  });

  it('has no TRUNCATE on any table, nothing on the migration history, and cannot create tables', async () => {
    const { rows } = await runtime.query<{ table: string }>(
      `SELECT c.relname AS table FROM pg_class c
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
         AND has_table_privilege(current_user, c.oid, 'TRUNCATE')`,
    );
    expect(rows).toEqual([]);
    expect(await refusal(`TRUNCATE "Patient" CASCADE`)).toBe('42501');
    expect(await refusal(`SELECT * FROM "_prisma_migrations"`)).toBe('42501');
    expect(await refusal(`CREATE TABLE public.mine (id int)`)).toBe('42501');
  });

  it('still serves the API: reads and writes, with their audit rows', async () => {
    const { NURSE: nurse } = await ctx.users();
    const patient = await ctx.newPatient();
    await ctx.http().get(`/api/patients/${patient.id}`).set('Cookie', nurse.cookie).expect(200);
    await ctx
      .http()
      .patch(`/api/patients/${patient.id}`)
      .set('Cookie', nurse.cookie)
      .send({ version: 1, weightKg: 72 })
      .expect(200);
    const { rows } = await runtime.query<{ action: string }>(
      `SELECT action FROM "AuditEvent" WHERE "patientId" = $1 ORDER BY id`,
      [patient.id],
    );
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['READ', 'UPDATE']));
    expect(Number((await ctx.prisma.patient.findUniqueOrThrow({ where: { id: patient.id } })).weightKg)).toBe(72);
  });
});
