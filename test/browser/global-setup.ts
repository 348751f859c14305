// Starts the built Cadence (API + admin app, `npm run build` first) the way production does, on a
// fresh database with the demo clinic, for the browser tests.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { admin, ensureTestRoles, startTestServer, stopTestServer, TEST_ROLES, urlFor } from '../support/database';
import { CHROMIUM_ENV, resolveChromium } from './chromium';

const root = join(__dirname, '../..');

export default async function globalSetup() {
  process.env[CHROMIUM_ENV] = JSON.stringify(await resolveChromium());
  await startTestServer();
  try {
    await ensureTestRoles();
    await startCadence();
  } catch (error) {
    await stopTestServer(); // a failed global setup gets no teardown
    throw error;
  }
}

async function startCadence() {
  const main = join(root, 'dist/api/apps/api/src/main.js');
  if (!existsSync(main) || !existsSync(join(root, 'dist/admin/index.html'))) {
    throw new Error('Build first: npm run build (the browser tests drive the built app)');
  }
  const database = `cadence_browser_${process.pid}`;
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${database}" OWNER ${TEST_ROLES.owner}`);
  });
  const port = await freePort();
  const output: string[] = [];
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env: {
      ...process.env,
      // As in production: migrations as the owner role, requests as the runtime role.
      DATABASE_URL: urlFor(database, 'runtime'),
      DATABASE_OWNER_URL: urlFor(database, 'owner'),
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      ADMIN_DIST: join(root, 'dist/admin'),
      // As in production, the background work runs (off by default under NODE_ENV=test): without
      // SMTP_URL every email waits in the outbox for staff, checked for every 2 s here.
      JOBS_ENABLED: 'true',
      MAIL_POLL_SECONDS: '2',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr.on('data', (d: Buffer) => output.push(d.toString()));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Cadence exited during start:\n${output.join('')}`);
    try {
      if (await healthy(`${url}/api/health`)) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (Date.now() >= deadline) {
    child.kill('SIGKILL');
    throw new Error(`Cadence did not become healthy in 60 s:\n${output.join('')}`);
  }
  process.env.CADENCE_E2E_URL = url;
  // For a test file that sets up its own records (as the owner role, like the setup below).
  process.env.CADENCE_E2E_DATABASE_URL = urlFor(database, 'owner');
  await signEligibleScreenings(urlFor(database, 'owner'), ELIGIBLE_MRN);
  process.env.CADENCE_E2E_ELIGIBLE_MRN = ELIGIBLE_MRN;
  await signEligibleScreenings(urlFor(database, 'owner'), BOOSTER_MRN);
  await signEligibleScreenings(urlFor(database, 'owner'), CLOSURE_MRN);
  process.env.CADENCE_E2E_CLOSURE_MRN = CLOSURE_MRN;
  await signEligibleScreenings(urlFor(database, 'owner'), BOARD_MRN);
  process.env.CADENCE_E2E_BOARD_MRN = BOARD_MRN;
  for (const [mrn, chair] of [
    [INFUSION_MRN, 'Chair 8'],
    [RECHECK_MRN, 'Chair 7'],
  ] as const) {
    await signEligibleScreenings(urlFor(database, 'owner'), mrn);
    await bookSessionNow(urlFor(database, 'owner'), mrn, chair);
  }
  process.env.CADENCE_E2E_INFUSION_MRN = INFUSION_MRN;
  process.env.CADENCE_E2E_RECHECK_MRN = RECHECK_MRN;
  (globalThis as Record<string, unknown>).__CADENCE__ = { child, database };
}

/** The demo patient the booking test books: eligible for the next 30 days. */
const ELIGIBLE_MRN = 'DEMO-000001';

/** The demo patient the follow-up test books a booster for (apps/admin/e2e/follow-up.e2e.ts): eligible too. */
const BOOSTER_MRN = 'DEMO-000012';

/** The demo patient the closures test books, strands with a closure and moves (apps/admin/e2e/closures.e2e.ts). */
const CLOSURE_MRN = 'DEMO-000030';
/** The demo patient the chair board test books from a clicked slot and drags (apps/admin/e2e/board.e2e.ts). */
const BOARD_MRN = 'DEMO-000020';

/** The demo patients the infusion-day tests check in: eligible, with a session booked a few minutes ago. */
const INFUSION_MRN = 'DEMO-000002';
const RECHECK_MRN = 'DEMO-000003';

/**
 * A one-session single-infusion course for the patient on the chair named, booked from 5 minutes ago
 * (or the clinic day's start) for two hours, whatever the time the tests run, so check-in is due now. Written straight
 * to the database: booking is tested through the wizard; this test is about the infusion day.
 */
async function bookSessionNow(databaseUrl: string, mrn: string, chair: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query(
      `WITH patient AS (
         SELECT p.id, p."clinicId", GREATEST(date_trunc('minute', now()) - interval '5 minutes',
           date_trunc('day', now() AT TIME ZONE c.timezone) AT TIME ZONE c.timezone) AS "startsAt"
         FROM "Patient" p JOIN "Clinic" c ON c.id = p."clinicId" WHERE p.mrn = $1
       ), scheduler AS (
         SELECT u.id FROM "User" u JOIN patient p ON u."clinicId" = p."clinicId"
         WHERE 'SCHEDULER'::"Role" = ANY(u.roles) ORDER BY u.email LIMIT 1
       ), protocol AS (
         SELECT DISTINCT ON (key) pr.id FROM "Protocol" pr JOIN patient p ON pr."clinicId" = p."clinicId"
         WHERE pr.key = 'IV_SINGLE_INFUSION' ORDER BY key, version DESC
       ), chair AS (
         SELECT c.id FROM "Chair" c JOIN patient p ON c."clinicId" = p."clinicId" WHERE c.name = $2
       ), course AS (
         INSERT INTO "Course" (id, "clinicId", "patientId", "protocolId", "bookedById", "sessionCount",
           "eligibilityScreeningIds", "updatedAt")
         SELECT gen_random_uuid(), p."clinicId", p.id, pr.id, s.id, 1,
           ARRAY(SELECT id FROM "Screening" WHERE "patientId" = p.id), now()
         FROM patient p CROSS JOIN scheduler s CROSS JOIN protocol pr
         RETURNING id, "clinicId", "patientId"
       )
       INSERT INTO "Appointment" (id, "clinicId", "courseId", "patientId", "chairId", "sessionNumber",
         "startsAt", "endsAt", "updatedAt")
       SELECT gen_random_uuid(), co."clinicId", co.id, co."patientId", ch.id, 1,
         p."startsAt", p."startsAt" + interval '2 hours', now()
       FROM course co CROSS JOIN chair ch CROSS JOIN patient p`,
      [mrn, chair],
    );
    if (rowCount !== 1) throw new Error(`Expected 1 appointment for ${mrn}, wrote ${rowCount}`);
  } finally {
    await client.end();
  }
}

/**
 * Makes one demo patient bookable. Signed ELIGIBLE screenings of every kind (latest template version of each), signed today in the
 * clinic's time zone by the demo clinician and valid for 30 days. Written straight to the database:
 * the booking test is about booking, and the demo patients have no screenings.
 */
async function signEligibleScreenings(databaseUrl: string, mrn: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query(
      `WITH patient AS (
         SELECT p.id, p."clinicId", (now() AT TIME ZONE c.timezone)::date AS today
         FROM "Patient" p JOIN "Clinic" c ON c.id = p."clinicId" WHERE p.mrn = $1
       ), clinician AS (
         SELECT u.id FROM "User" u JOIN patient p ON u."clinicId" = p."clinicId"
         WHERE 'CLINICIAN'::"Role" = ANY(u.roles) ORDER BY u.email LIMIT 1
       ), template AS (
         SELECT DISTINCT ON (kind) t.id, t.kind FROM "ScreeningTemplate" t JOIN patient p ON t."clinicId" = p."clinicId"
         ORDER BY kind, version DESC
       )
       INSERT INTO "Screening" (id, "clinicId", "patientId", "templateId", kind, status, answers, result, reasons,
         "createdById", "createdAt", "updatedAt", "submittedById", "submittedAt", "signedById", "signedAt", "signedOn", "validUntil")
       SELECT gen_random_uuid(), p."clinicId", p.id, t.id, t.kind, 'SIGNED'::"ScreeningStatus", '{}'::jsonb,
         'ELIGIBLE'::"EligibilityStatus", '[]'::jsonb, u.id, now(), now(), u.id, now(), u.id, now(), p.today, p.today + 30
       FROM patient p CROSS JOIN clinician u CROSS JOIN template t`,
      [mrn],
    );
    if (rowCount !== 3) throw new Error(`Expected 3 signed screenings for ${mrn}, wrote ${rowCount}`);
  } finally {
    await client.end();
  }
}

/** One request on its own connection, so no keep-alive socket outlives the setup. */
function healthy(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
