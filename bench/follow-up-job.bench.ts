// Daily job benchmark: one clinic with 100,000 patients, each with a completed five-day course whose
// last session fell somewhere in the past year, so 800,000 follow-ups with their windows (the
// domain's schedule) lie before, across and after today; about 60 % of the windows already open
// have a record in them (COMPLETED, as the record write leaves them), the rest stand UPCOMING, as
// if the job had never run. Tomorrow has 80 booked appointments to remind.
//
// It times the built API's DailyJob (`npm run build` first: Nest's injection needs the decorator
// metadata tsc emits) on a dedicated database: yesterday's run as the clinic's first ever (every
// status since the schedules began, every booster due raised), today's daily run, today again with
// its claim removed (it must change nothing), and today with its claim in place (nothing is due).
//   npm run build && npm run bench:follow-up      (BENCH_PATIENTS=100000 by default)
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import { SingleBar } from 'cli-progress';
import { DateTime } from 'luxon';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { followUpSchedule } from '../libs/domain/src/follow-up';
import { PROTOCOL_CATALOGUE } from '../libs/domain/src/scheduling';
import { ADMIN_URL, databaseUrl } from './cadence-process';

const DATABASE = 'cadence_bench_follow_up';
const PATIENTS = Number(process.env.BENCH_PATIENTS ?? 100_000);
const CHUNK = 5_000;
const ZONE = 'Europe/London';
const PROTOCOL = 'IV_FIVE_DAY_LOW_DOSE';
const TARGET_SECONDS = 60;
const REMINDED = 80;

const ROOT = join(__dirname, '..');
const dbUrl = databaseUrl(DATABASE);

interface DayOutcome {
  clinicId: string;
  day: string;
  outcome: 'RAN' | 'DONE' | 'BUSY' | 'FAILED';
  summary?: { followUps: Record<string, number>; boosterTasks: number; reminders: number; durationMs: number };
}
interface BuiltApp {
  init(): Promise<unknown>;
  close(): Promise<void>;
  get(token: unknown): { runDue(now: Date): Promise<DayOutcome[]> };
}

// The built API, as `npm start` runs it: loaded at run time from dist, so not an import.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const built = (path: string) => require(join(ROOT, 'dist/api/apps/api/src', path));
const { createApp } = built('app.factory.js') as {
  createApp(config: unknown, options: { logs: boolean }): Promise<BuiltApp>;
};
const { loadConfig } = built('common/config/app.config.js') as { loadConfig(env: object): unknown };
const { DailyJob } = built('modules/jobs/daily-job.service.js') as { DailyJob: unknown };
const { migrateAsOwner } = built('launch/database-roles.js') as {
  migrateAsOwner(config: { databaseUrl: string }): Promise<string>;
};
const { seedClinicCatalogue } = built('launch/catalogue.js') as {
  seedClinicCatalogue(db: PrismaClient, clinicId: string): Promise<void>;
};

async function main() {
  const load = () =>
    loadavg()
      .map((n) => n.toFixed(2))
      .join(' ');
  console.log(`Load average before: ${load()} (2 cores, shared)`);
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  await migrateAsOwner({ databaseUrl: dbUrl });

  const db = new pg.Pool({ connectionString: dbUrl, max: 2 });
  const clinicId = await createClinic();
  const now = new Date();
  const generation = performance.now();
  await generate(db, clinicId, now);
  console.log(`Generated in ${seconds(performance.now() - generation)} s: ${await counts(db)}`);

  const app = await createApp(
    loadConfig({ DATABASE_URL: dbUrl, NODE_ENV: 'test', LOG_LEVEL: 'warn', JOBS_ENABLED: 'false' }),
    { logs: false },
  );
  await app.init();
  const job = app.get(DailyJob);
  let failed = false;
  try {
    // Yesterday's run is the first the clinic ever had: a year of windows brought up to date.
    const first = await timed(() => job.runDue(new Date(now.getTime() - 86_400_000)));
    report('First run ever (yesterday: every status since the schedules began)', first);
    const daily = await timed(() => job.runDue(now));
    report('Daily run (today)', daily);
    console.log(
      `  ${daily.seconds <= TARGET_SECONDS ? 'within' : 'ABOVE'} the ${TARGET_SECONDS} s target` +
        (first.seconds > TARGET_SECONDS ? `; the first run ever is above it` : ''),
    );
    const before = await state(db);

    await db.query(`DELETE FROM "JobRun" WHERE day = $1::date`, [daily.outcomes[0]?.day]);
    const again = await timed(() => job.runDue(now));
    report('Today again, its claim removed', again);
    const changed = changes(again.outcomes);
    const after = await state(db);
    const same = JSON.stringify(before) === JSON.stringify(after);
    console.log(`  counts changed = ${changed}; rows identical before and after: ${same ? 'yes' : 'NO'}`);
    failed = again.outcomes.length !== 1 || changed !== 0 || !same;

    const claimed = await timed(() => job.runDue(now));
    console.log(
      `Today, claim in place: ${claimed.outcomes.length} runs due (${claimed.seconds.toFixed(2)} s to check)`,
    );
    failed ||= claimed.outcomes.length !== 0;
  } finally {
    await app.close();
    await db.end();
  }
  console.log(`Load average after: ${load()}`);
  if (failed) {
    console.error('A repeated run changed something');
    process.exitCode = 1;
  }
}

async function createClinic(): Promise<string> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: dbUrl }) });
  try {
    const clinic = await prisma.clinic.create({
      data: { name: 'Benchmark Pain Clinic', timezone: ZONE, address: '1 Bench Street' },
    });
    await seedClinicCatalogue(prisma, clinic.id);
    return clinic.id;
  } finally {
    await prisma.$disconnect();
  }
}

/**
 * Everything set-based (INSERT … SELECT generate_series), 5,000 patients a statement. Ids are md5s
 * of the patient's number, so each table's rows find their patient's without a lookup; the last
 * session, baseline and scores are spread by the number too, so a run is the same each time.
 */
async function generate(db: pg.Pool, clinicId: string, now: Date) {
  const protocol = PROTOCOL_CATALOGUE.find((p) => p.key === PROTOCOL)!;
  const protocolId = (
    await db.query<{ id: string }>(`SELECT id FROM "Protocol" WHERE "clinicId" = $1 AND key = $2`, [clinicId, PROTOCOL])
  ).rows[0].id;
  // The domain's windows, as days from the last session (the same for every course).
  const schedule = followUpSchedule({
    lastSessionOn: '2027-01-01',
    followUpOffsetsDays: protocol.followUpOffsetsDays,
    timeZone: 'UTC',
  });
  const day = (date: string) =>
    DateTime.fromISO(date, { zone: 'utc' }).diff(DateTime.fromISO('2027-01-01', { zone: 'utc' }), 'days').days;
  const offsets = schedule.map((s) => s.offsetDays);
  const opens = schedule.map((s) => day(s.opensOn));
  const closes = schedule.map((s) => day(s.closesOn));
  const today = DateTime.fromJSDate(now, { zone: ZONE }).toISODate();

  const chunks = Math.ceil(PATIENTS / CHUNK);
  const bar = new SingleBar({
    format: `Generating ${PATIENTS.toLocaleString()} patients [{bar}] {value}/{total} steps {step}`,
    noTTYOutput: true,
    notTTYSchedule: 5000,
  });
  bar.start(chunks + 3, 0, { step: '' });
  for (let c = 0; c < chunks; c++) {
    const from = c * CHUNK + 1;
    const to = Math.min(PATIENTS, (c + 1) * CHUNK);
    await db.query(
      `WITH g AS (SELECT g, ($3::date - (g * 7919) % 365) AS last_on FROM generate_series(${from}, ${to}) g),
      patients AS (
        INSERT INTO "Patient" (id, "clinicId", mrn, "givenName", "familyName", "dateOfBirth", sex, email, "updatedAt")
        SELECT md5('p' || g)::uuid, $1, 'B-' || g, 'Given' || g, 'Family' || (g % 997), DATE '1950-01-01' + g % 20000,
          'FEMALE', CASE WHEN g % 4 = 0 THEN NULL ELSE 'patient' || g || '@example.test' END, now()
        FROM g RETURNING id
      ), courses AS (
        INSERT INTO "Course" (id, "clinicId", "patientId", "protocolId", "bookedById", status, "sessionCount",
          "eligibilityScreeningIds", "baselinePainNrs", "completedAt", "createdAt", "updatedAt")
        SELECT md5('c' || g)::uuid, $1, md5('p' || g)::uuid, $2, md5('booker')::uuid, 'COMPLETED', 5, '{}',
          5 + g % 5, ((last_on + time '13:00') AT TIME ZONE $4), ((last_on - 7 + time '09:00') AT TIME ZONE $4), now()
        FROM g JOIN patients ON patients.id = md5('p' || g)::uuid RETURNING id
      )
      INSERT INTO "Appointment" (id, "clinicId", "courseId", "patientId", "sessionNumber", "startsAt", "endsAt", status, "updatedAt")
      SELECT md5('a' || g)::uuid, $1, md5('c' || g)::uuid, md5('p' || g)::uuid, 5,
        (last_on + time '09:00') AT TIME ZONE $4, (last_on + time '13:00') AT TIME ZONE $4, 'COMPLETED', now()
      FROM g JOIN courses ON courses.id = md5('c' || g)::uuid`,
      [clinicId, protocolId, today, ZONE],
    );
    await db.query(
      `WITH g AS (SELECT g, ($2::date - (g * 7919) % 365) AS last_on FROM generate_series(${from}, ${to}) g),
      windows AS (SELECT * FROM unnest($4::int[], $5::int[], $6::int[]) AS w(o, opens, closes)),
      follow_ups AS (
        INSERT INTO "FollowUp" (id, "clinicId", "courseId", "patientId", "offsetDays", "dueOn", "opensOn", "closesOn",
          "opensAt", "closesAt")
        SELECT md5('f' || g || ':' || o)::uuid, $1, md5('c' || g)::uuid, md5('p' || g)::uuid, o, last_on + o,
          last_on + opens, last_on + closes, (last_on + opens)::timestamp AT TIME ZONE $3,
          (last_on + closes + 1)::timestamp AT TIME ZONE $3
        FROM g CROSS JOIN windows
        RETURNING id, "patientId", "offsetDays", "opensAt", "closesAt"
      )
      INSERT INTO "FollowUpRecord" (id, "followUpId", "clinicId", "patientId", channel, "recordedAt", "recordedById",
        "painNrsNow", "painNrs7DayAverage", "painInterference", "painInterferenceRaw", "painInterferenceT", phq9,
        "phq9Total", bladder)
      SELECT md5('r' || f.id)::uuid, f.id, $1, f."patientId", 'PHONE',
        f."opensAt" + (LEAST(f."closesAt", $7::timestamptz) - f."opensAt") * (0.1 + 0.8 * (abs(hashtext('t' || f.id)) % 100) / 99.0),
        md5('nurse')::uuid, GREATEST(0, 5 + g % 5 - abs(hashtext('n' || f.id)) % 5),
        GREATEST(0, 5 + g % 5 - abs(hashtext('a' || f.id)) % 5),
        '{}', 12, 55.5, '{}', 3, '{}'
      FROM follow_ups f JOIN g ON md5('p' || g)::uuid = f."patientId"
      WHERE f."opensAt" < $7::timestamptz AND abs(hashtext('r' || f.id)) % 10 < 6`,
      [clinicId, today, ZONE, offsets, opens, closes, now.toISOString()],
    );
    bar.increment(1, { step: `patients ${to.toLocaleString()}` });
  }
  // What the record write does: a record inside the window completes the follow-up.
  await db.query(
    `UPDATE "FollowUp" f SET status = 'COMPLETED' FROM "FollowUpRecord" r
     WHERE r."followUpId" = f.id AND r."recordedAt" >= f."opensAt" AND r."recordedAt" < f."closesAt"`,
  );
  bar.increment(1, { step: 'completed follow-ups' });
  // Tomorrow: 80 booked sessions on 8 chairs (a booked course is these patients' later course).
  await db.query(
    `WITH chairs AS (
      INSERT INTO "Chair" (id, "clinicId", name, kind) SELECT md5('chair' || k)::uuid, $1, 'Chair ' || k, 'CHAIR'
      FROM generate_series(1, 8) k RETURNING id
    ), single AS (SELECT id FROM "Protocol" WHERE "clinicId" = $1 AND key = 'IV_SINGLE_INFUSION'),
    courses AS (
      INSERT INTO "Course" (id, "clinicId", "patientId", "protocolId", "bookedById", "sessionCount", "eligibilityScreeningIds", "updatedAt")
      SELECT md5('t' || g)::uuid, $1, md5('p' || g)::uuid, (SELECT id FROM single), md5('booker')::uuid, 1, '{}', now()
      FROM generate_series(1, ${REMINDED}) g RETURNING id
    )
    INSERT INTO "Appointment" (id, "clinicId", "courseId", "patientId", "chairId", "sessionNumber", "startsAt", "endsAt", "updatedAt")
    SELECT md5('ta' || g)::uuid, $1, md5('t' || g)::uuid, md5('p' || g)::uuid, md5('chair' || (1 + g % 8))::uuid, 1,
      ($2::date + 1 + time '08:00' + ((g / 8) || ' hours')::interval) AT TIME ZONE $3,
      ($2::date + 1 + time '08:40' + ((g / 8) || ' hours')::interval) AT TIME ZONE $3, now()
    FROM generate_series(1, ${REMINDED}) g WHERE (SELECT count(*) FROM courses) > 0 AND (SELECT count(*) FROM chairs) > 0`,
    [clinicId, today, ZONE],
  );
  bar.increment(1, { step: "tomorrow's appointments" });
  await db.query('ANALYZE');
  bar.increment(1, { step: 'analyzed' });
  bar.stop();
}

async function counts(db: pg.Pool): Promise<string> {
  const { rows } = await db.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM "Patient") AS patients, (SELECT count(*) FROM "FollowUp") AS "follow-ups",
       (SELECT count(*) FROM "FollowUpRecord") AS records, (SELECT count(*) FROM "Appointment") AS appointments`,
  );
  return Object.entries(rows[0])
    .map(([k, v]) => `${Number(v).toLocaleString()} ${k}`)
    .join(', ');
}

/** What a run could change: follow-ups by status, booster tasks, messages, audit rows. */
async function state(db: pg.Pool) {
  const { rows } = await db.query(
    `SELECT (SELECT json_object_agg(status, n) FROM (SELECT status, count(*) n FROM "FollowUp" GROUP BY status ORDER BY status) s) AS statuses,
       (SELECT md5(string_agg(id::text || status || "statusAt"::text, ',' ORDER BY id)) FROM "FollowUp") AS "followUps",
       (SELECT count(*) FROM "BoosterTask") AS "boosterTasks", (SELECT count(*) FROM "Message") AS messages,
       (SELECT count(*) FROM "AuditEvent") AS audit`,
  );
  return rows[0];
}

async function timed(run: () => Promise<DayOutcome[]>) {
  const start = performance.now();
  const outcomes = await run();
  return { outcomes, seconds: (performance.now() - start) / 1000 };
}

function changes(outcomes: DayOutcome[]): number {
  return outcomes.reduce(
    (sum, o) =>
      sum +
      (o.summary
        ? Object.values(o.summary.followUps).reduce((a, b) => a + b, 0) + o.summary.boosterTasks + o.summary.reminders
        : 0),
    0,
  );
}

function report(title: string, { outcomes, seconds: s }: { outcomes: DayOutcome[]; seconds: number }) {
  console.log(`${title}: ${s.toFixed(2)} s`);
  for (const o of outcomes) {
    const followUps = o.summary
      ? Object.entries(o.summary.followUps)
          .map(([k, v]) => `${k} ${v.toLocaleString()}`)
          .join(', ')
      : '';
    console.log(
      `  ${o.day} ${o.outcome}` +
        (o.summary
          ? `: follow-ups changed ${followUps}; booster tasks ${o.summary.boosterTasks.toLocaleString()}; reminders ${o.summary.reminders}`
          : ''),
    );
  }
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
