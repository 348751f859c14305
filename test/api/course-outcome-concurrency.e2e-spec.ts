// Two transactions changing rows of one patient at once (a nurse's record and a desk's edit, say)
// each recompute the patient's "CourseOutcome" rows in their triggers. Both must commit, and the
// rows must then hold what both wrote: the second waits for the first and recomputes after it.
import pg from 'pg';
import { startTestApp, TestContext } from '../support/context';
import { patientWith } from '../support/outcome-fixtures';

async function waitUntilWaiting(observer: pg.Client, pid: number) {
  for (let i = 0; i < 200; i++) {
    const { rows } = await observer.query(`SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1`, [pid]);
    if (rows[0]?.wait_event_type === 'Lock') return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('The second transaction never waited for the first');
}

describe('course outcomes under concurrent changes of one patient', () => {
  let ctx: TestContext;
  const clients: pg.Client[] = [];

  beforeAll(async () => {
    ctx = await startTestApp();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
    await ctx.close();
  });

  async function client(): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: ctx.config.databaseUrl });
    await c.connect();
    clients.push(c);
    return c;
  }

  // Each at its own instant: the figures group by the primary diagnosis recorded last.
  const newDiagnosis = (c: pg.Client, patientId: string, code: string, recordedAt: Date) =>
    c.query(
      `INSERT INTO "Diagnosis" (id, "patientId", "icd10Code", description, "painMechanism", "isPrimary", "recordedAt")
       VALUES (gen_random_uuid(), $1, $2, 'concurrent', 'NOCICEPTIVE', true, $3)`,
      [patientId, code, recordedAt],
    );

  it('commits both, the second recomputing after the first, so the row reflects both changes', async () => {
    const { CLINICIAN: clinician, NURSE: nurse } = await ctx.users();
    const patientId = await patientWith(ctx, clinician, nurse, 'NEUROPATHIC', { scores: { 1: 3, 3: 3, 7: 3 } });
    const [first, second, observer] = [await client(), await client(), await client()];
    const {
      rows: [{ pid }],
    } = await second.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');

    await first.query('BEGIN');
    await second.query('BEGIN');
    // The first's diagnosis is the later one: the second's refresh shows it only if it ran after the first committed.
    await newDiagnosis(first, patientId, 'M17.0', new Date(Date.now() + 120_000));
    const secondInsert = newDiagnosis(second, patientId, 'M17.1', new Date(Date.now() + 60_000));
    await waitUntilWaiting(observer, pid);
    await first.query('COMMIT');
    await expect(secondInsert).resolves.toBeDefined();
    await second.query('COMMIT');

    const rows = await ctx.prisma.$queryRaw<{ icd10Code: string }[]>`
      SELECT "icd10Code" FROM "CourseOutcome" WHERE "patientId" = ${patientId}::uuid`;
    expect(rows).toEqual([{ icd10Code: 'M17.0' }]);
  });
});
