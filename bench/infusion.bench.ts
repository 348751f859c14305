// Infusion-day benchmark: 40 tablets, two per session, each entering a vitals reading and then
// reading the flowsheet, as fast as the answers come, for 30 s. Cadence (built: `npx nx run
// api:build` or `npm run build` first) against a bare baseline measured in the same run: a minimal
// node:http server that runs a bare `pg` INSERT of the same reading row (the table's triggers fire
// as for Cadence) and a bare SELECT of the session's readings, with no auth, validation, alerts,
// audit, logging or framework. Each side writes to sessions of its own, so both flowsheets grow alike.
//   npm run bench:infusion         (BENCH_SECONDS=30 by default)
import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { ADMIN_URL, databaseUrl, login, percentile, startCadence, stopCadence } from './cadence-process';

const DATABASE = 'cadence_bench_infusion';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WARM_UP_SECONDS = 3;
const ROUNDS = Number(process.env.BENCH_TURNS ?? 10);
const TABLETS = Number(process.env.BENCH_TABLETS ?? 40);
const SESSIONS = TABLETS / 2;
const PORT = 3710;

const dbUrl = databaseUrl(DATABASE);

interface Side {
  name: string;
  base: string;
  headers: Record<string, string>;
  sessions: string[];
  write: (sessionId: string) => string;
  read: (sessionId: string) => string;
}

interface OpStats {
  count: number;
  errors: number;
  latencies: number[];
}

async function main() {
  console.log(`Preparing ${DATABASE} (migrations, demo clinic, ${2 * SESSIONS} sessions under way)…`);
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();

  const cadence = await startCadence(PORT, dbUrl);
  const db = new pg.Pool({ connectionString: dbUrl, max: 10 });
  try {
    const ours = await sessionsUnderWay(db, SESSIONS);
    const theirs = await sessionsUnderWay(db, SESSIONS);
    const cookie = await login(PORT, 'nurse@demo.cadence.test', 'demo-nurse-2026');
    const nurseId = (await db.query<{ id: string }>(`SELECT id FROM "User" WHERE email = 'nurse@demo.cadence.test'`))
      .rows[0].id;
    const baseline = await startBaseline(db, nurseId);
    const basePort = (baseline.address() as AddressInfo).port;

    const sides: Side[] = [
      {
        name: 'baseline (pg + node:http)',
        base: `http://127.0.0.1:${basePort}`,
        headers: {},
        sessions: theirs,
        write: (id) => `/vitals/${id}`,
        read: (id) => `/flowsheet/${id}`,
      },
      {
        name: 'Cadence API',
        base: `http://127.0.0.1:${PORT}`,
        headers: { cookie },
        sessions: ours,
        write: (id) => `/api/sessions/${id}/vitals`,
        read: (id) => `/api/sessions/${id}/flowsheet`,
      },
    ];
    // The sides take turns (a tenth of the time each, ten times), so load from elsewhere on the
    // machine falls on both alike.
    for (const side of sides) await tablets(side, WARM_UP_SECONDS);
    const results = sides.map((side) => ({ side, write: emptyStats(), read: emptyStats() }));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const result of results) {
        console.log(`${result.side.name}: ${TABLETS} tablets, round ${round} of ${ROUNDS} (${SECONDS / ROUNDS} s)…`);
        const { write, read } = await tablets(result.side, SECONDS / ROUNDS);
        merge(result.write, write);
        merge(result.read, read);
      }
    }
    await new Promise((r) => baseline.close(r));

    const readings = await db.query<{ max: number; avg: number }>(
      `SELECT max(n)::int AS max, avg(n)::float AS avg FROM (SELECT count(*) AS n FROM "VitalsReading" WHERE "sessionId" = ANY($1::uuid[]) GROUP BY "sessionId") c`,
      [ours],
    );
    console.log(
      `\n${TABLETS} tablets (two per session, ${SESSIONS} sessions a side), each a reading then the flowsheet, ${SECONDS} s a side in ${ROUNDS} turns; ` +
        `Cadence's flowsheets ended with ${Math.round(readings.rows[0].avg)} readings on average (most ${readings.rows[0].max}).\n`,
    );
    for (const { side, write, read } of results) {
      console.log(`vitals write    ${side.name.padEnd(26)} ${fmt(write)}`);
      console.log(`flowsheet read  ${side.name.padEnd(26)} ${fmt(read)}`);
    }
    const [base, api] = results;
    const ratio = api.write.count / base.write.count;
    console.log(
      `ratio Cadence/baseline: ${ratio.toFixed(2)} of the vitals writes per second (target ≥ 0.50); ` +
        `p50 write ${(percentile(base.write.latencies, 50) / percentile(api.write.latencies, 50)).toFixed(2)}, ` +
        `p50 flowsheet ${(percentile(base.read.latencies, 50) / percentile(api.read.latencies, 50)).toFixed(2)}`,
    );
    const errors = results.reduce((n, r) => n + r.write.errors + r.read.errors, 0);
    if (errors > 0) {
      console.error(`${errors} requests failed`);
      process.exitCode = 1;
    }
  } finally {
    await db.end();
    await stopCadence(cadence);
  }
}

/** 40 tablets, two on each session, each a reading then the flowsheet, until the time is up. */
async function tablets(side: Side, seconds: number): Promise<{ write: OpStats; read: OpStats }> {
  const write = emptyStats();
  const read = emptyStats();
  const end = performance.now() + seconds * 1000;
  const timed = async (stats: OpStats, url: string, init: RequestInit, ok: number) => {
    const t0 = performance.now();
    try {
      const res = await fetch(url, init);
      await res.arrayBuffer();
      if (res.status !== ok) stats.errors++;
    } catch {
      stats.errors++;
    }
    stats.latencies.push(performance.now() - t0);
    stats.count++;
  };
  let n = 0;
  await Promise.all(
    Array.from({ length: TABLETS }, async (_, t) => {
      const sessionId = side.sessions[t % side.sessions.length];
      while (performance.now() < end) {
        const body = reading(++n);
        await timed(
          write,
          side.base + side.write(sessionId),
          {
            method: 'POST',
            headers: { ...side.headers, 'content-type': 'application/json' },
            body: JSON.stringify(body),
          },
          201,
        );
        await timed(read, side.base + side.read(sessionId), { headers: side.headers }, 200);
      }
    }),
  );
  return { write, read };
}

/** A full set of signs; one reading in twenty is a blood pressure above the limit (an alert and a draft). */
function reading(n: number) {
  return {
    id: randomUUID(),
    takenAt: new Date().toISOString(),
    systolic: n % 20 === 0 ? 185 : 118 + (n % 15),
    diastolic: 78,
    heartRate: 72 + (n % 9),
    spo2: 97,
    respiratoryRate: 14,
    rass: 0,
    dissociation: n % 3,
  };
}

/** Sessions under way (INFUSING) of the demo clinic, each on a new patient's one-session course. */
async function sessionsUnderWay(db: pg.Pool, count: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `WITH clinic AS (SELECT id FROM "Clinic" ORDER BY "createdAt" LIMIT 1),
     staff AS (SELECT u.id FROM "User" u WHERE u.email = 'nurse@demo.cadence.test'),
     protocol AS (SELECT p.id FROM "Protocol" p, clinic WHERE p."clinicId" = clinic.id AND p.key = 'IV_SINGLE_INFUSION' ORDER BY p.version DESC LIMIT 1),
     patients AS (
       INSERT INTO "Patient" (id, "clinicId", mrn, "givenName", "familyName", "dateOfBirth", sex, "updatedAt")
       SELECT gen_random_uuid(), clinic.id, 'BENCH-' || gen_random_uuid(), 'Bench', 'Patient' || g, DATE '1970-01-01' + g, 'FEMALE', now()
       FROM clinic, generate_series(1, $1) g RETURNING id, "clinicId"
     ), courses AS (
       INSERT INTO "Course" (id, "clinicId", "patientId", "protocolId", "bookedById", "sessionCount", "eligibilityScreeningIds", "updatedAt")
       SELECT gen_random_uuid(), p."clinicId", p.id, protocol.id, staff.id, 1, '{}', now() FROM patients p, protocol, staff
       RETURNING id, "clinicId", "patientId"
     ), appointments AS (
       INSERT INTO "Appointment" (id, "clinicId", "courseId", "patientId", "sessionNumber", "startsAt", "endsAt", "updatedAt")
       SELECT gen_random_uuid(), c."clinicId", c.id, c."patientId", 1, now() - interval '10 minutes', now() + interval '3 hours', now()
       FROM courses c RETURNING id, "clinicId", "courseId", "patientId"
     )
     INSERT INTO "InfusionSession" (id, "clinicId", "appointmentId", "patientId", "courseId", state, "checkedInById",
       "checkedInAt", "checkedInOn", "checkInFacts", "checkInChecks", "checkInCleared", "weightKg",
       "eligibilityScreeningIds", "startedAt", "updatedAt")
     SELECT gen_random_uuid(), a."clinicId", a.id, a."patientId", a."courseId", 'INFUSING', staff.id,
       now() - interval '10 minutes', CURRENT_DATE, '{}', '[]', true, 70, '{}', now() - interval '5 minutes', now()
     FROM appointments a, staff RETURNING id`,
    [count],
  );
  return rows.map((r) => r.id);
}

/** The bare side: the same reading row inserted, and the session's readings selected, through `pg`. */
async function startBaseline(db: pg.Pool, nurseId: string): Promise<Server> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const [, route, sessionId] = (req.url ?? '').split('/');
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const fail = () => {
      res.writeHead(500);
      res.end();
    };
    if (route === 'flowsheet') {
      db.query(
        `SELECT COALESCE(json_agg(r ORDER BY r."takenAt"), '[]'::json) AS readings FROM "VitalsReading" r WHERE r."sessionId" = $1`,
        [sessionId],
      ).then((r) => answer(200, r.rows[0]), fail);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const v = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      db.query(
        `INSERT INTO "VitalsReading" (id, "sessionId", "takenAt", systolic, diastolic, "heartRate", spo2, "respiratoryRate", rass, dissociation, alerts, "recordedById")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, '[]', $11) RETURNING *`,
        [
          v.id,
          sessionId,
          v.takenAt,
          v.systolic,
          v.diastolic,
          v.heartRate,
          v.spo2,
          v.respiratoryRate,
          v.rass,
          v.dissociation,
          nurseId,
        ],
      ).then((r) => answer(201, r.rows[0]), fail);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return server;
}

const emptyStats = (): OpStats => ({ count: 0, errors: 0, latencies: [] });

function merge(into: OpStats, from: OpStats) {
  into.count += from.count;
  into.errors += from.errors;
  for (const latency of from.latencies) into.latencies.push(latency);
}

function fmt(s: OpStats) {
  const rate = s.count / SECONDS;
  return (
    `${Math.round(rate).toString().padStart(6)} req/s   p50 ${percentile(s.latencies, 50).toFixed(1).padStart(6)} ms   ` +
    `p99 ${percentile(s.latencies, 99).toFixed(1).padStart(6)} ms   errors ${s.errors}`
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
