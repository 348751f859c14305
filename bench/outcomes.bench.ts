// Outcomes dashboard benchmark: a generated clinic of BENCH_PATIENTS patients (default 100,000) over
// BENCH_YEARS years (default 5) from BENCH_SEED (default 2026), in its own database, generated once
// and reused while the database holds the same seed, size and retention (bench/outcomes-clinic.ts).
// BENCH_RETENTION (default maintenance) is the realism knob for follow-up records: a clinic whose
// patients stay on boosters for years, sized with chairs for them (RETENTION in realism.ts), gives
// about 23 records per patient over five years where a typical one gives 13, so 100,000 patients
// have over 2 million records, each course on its protocol's own follow-up schedule. The built
// API (`npm run build` first) runs on it; an admin signs in and every dashboard query is timed
// through HTTP, one request at a time: a warm-up, then BENCH_RUNS runs (default 10) each, p50 and
// p95 printed with the generator's rows per second and the clinic's patients and follow-up
// records. The statements of the slowest query are then run under EXPLAIN (ANALYZE, BUFFERS) and
// summarised. Exits non-zero when any query's p95 reaches BENCH_TARGET_MS (default 1,000 ms).
// The booster queue's first page (its forecasts read from the same courses) is timed after them
// and reported beside them, not held to that target: each task on it is checked in full.
//   npm run build && npm run bench:outcomes
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { Prisma } from '@prisma/client';
import { DEFAULT_RESPONDER_SETTINGS, RELIEF_MILESTONES } from '@cadence/domain';
import { hashPassword } from '../apps/api/src/modules/auth/password';
import { followUpSettingsOf } from '../apps/api/src/modules/boosters/follow-up-settings';
import type { GroupBy, OutcomesFilterDto } from '../apps/api/src/modules/outcomes/dto/outcomes-query.dto';
import {
  AGGREGATE_SETTINGS,
  OutcomesRepository,
  type OutcomeCriteria,
  type ProtocolLabel,
} from '../apps/api/src/modules/outcomes/outcomes.repository';
import { startCadence, stopCadence } from './cadence-process';
import { ensureClinic, specFromEnv } from './outcomes-clinic';

const PORT = Number(process.env.BENCH_PORT ?? 3941);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const TARGET_MS = Number(process.env.BENCH_TARGET_MS ?? 1_000);
const ADMIN_EMAIL = 'bench.admin@synthetic.cadence.test';
const ADMIN_PASSWORD = 'bench-admin-password-2026';

type Figure =
  | 'relief-curves'
  | 'medians'
  | 'responders'
  | 'scores'
  | 'adverse-events'
  | 'follow-up-completion'
  | 'boosters'
  | 'comparison';

interface Query {
  name: string;
  figure: Figure;
  filters?: OutcomesFilterDto;
  groupBy?: GroupBy;
  csv?: boolean;
}

/** The dashboard's figures, as its screens ask for them, and a few filter combinations down to a narrow one. */
function queries(today: string): Query[] {
  const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  return [
    { name: 'relief curves', figure: 'relief-curves' },
    { name: 'relief curves by protocol', figure: 'relief-curves', groupBy: 'protocol' },
    { name: 'medians by pain mechanism', figure: 'medians', groupBy: 'painMechanism' },
    { name: 'responders', figure: 'responders' },
    { name: 'PROMIS / PHQ-9 change', figure: 'scores' },
    { name: 'adverse events', figure: 'adverse-events' },
    { name: 'follow-up completion', figure: 'follow-up-completion' },
    { name: 'boosters', figure: 'boosters' },
    {
      name: 'comparison neuropathic vs nociceptive',
      figure: 'comparison',
      groupBy: 'painMechanism',
      filters: { painMechanism: ['NEUROPATHIC', 'NOCICEPTIVE'] },
    },
    { name: 'relief curves CSV by protocol', figure: 'relief-curves', groupBy: 'protocol', csv: true },
    {
      name: 'curves: five-day, neuropathic',
      figure: 'relief-curves',
      filters: { protocolKey: ['IV_FIVE_DAY_LOW_DOSE'], painMechanism: ['NEUROPATHIC'] },
    },
    {
      name: 'responders: IV boosters, last year',
      figure: 'responders',
      filters: { route: ['IV'], booster: true, from: yearAgo, to: today },
    },
    {
      name: 'scores: women 40-64 by protocol',
      figure: 'scores',
      groupBy: 'protocol',
      filters: { sex: ['FEMALE'], ageBand: ['AGE_40_TO_64'] },
    },
    {
      name: 'narrow: 100 h, G57, 65+, last year',
      figure: 'relief-curves',
      filters: { protocolKey: ['IV_CONTINUOUS_100H'], diagnosis: ['G57'], ageBand: ['AGE_65_AND_OVER'], from: yearAgo },
    },
  ];
}

function path(q: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(q.filters ?? {}))
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  if (q.groupBy) params.set('groupBy', q.groupBy);
  if (q.csv) params.set('format', 'csv');
  const search = params.toString();
  return `/api/outcomes/${q.figure}${search ? `?${search}` : ''}`;
}

/** Nearest-rank percentile of sorted milliseconds. */
const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];

async function main() {
  const load = () =>
    loadavg()
      .map((n) => n.toFixed(2))
      .join(' ');
  const spec = specFromEnv();
  console.log(`Load average before: ${load()} (2 cores, shared)`);
  const clinic = await ensureClinic(spec);
  const g = clinic.generation;
  console.log(
    clinic.reused
      ? `Reusing the generated clinic in ${clinic.databaseUrl} (same seed ${spec.seed}, ${spec.patients} patients, ${spec.years} years; generated ${g.generatedAt}).`
      : `Generated the clinic in ${clinic.databaseUrl}.`,
  );
  console.log(
    `Generator: ${g.totalRows.toLocaleString('en-GB')} rows in ${g.seconds.toFixed(0)} s: ` +
      `${Math.round(g.rowsPerSecond).toLocaleString('en-GB')} rows/s`,
  );

  const db = new pg.Client({ connectionString: clinic.databaseUrl });
  await db.connect();
  const counts = await db.query<{ patients: number; records: number; follow_ups: number; courses: number }>(
    `SELECT (SELECT count(*) FROM "Patient" WHERE "clinicId" = $1)::int AS patients,
            (SELECT count(*) FROM "FollowUpRecord" WHERE "clinicId" = $1)::int AS records,
            (SELECT count(*) FROM "FollowUp" WHERE "clinicId" = $1)::int AS follow_ups,
            (SELECT count(*) FROM "Course" WHERE "clinicId" = $1)::int AS courses`,
    [clinic.clinicId],
  );
  const n = counts.rows[0];
  console.log(
    `Clinic: ${n.patients.toLocaleString('en-GB')} patients, ${n.courses.toLocaleString('en-GB')} courses, ` +
      `${n.follow_ups.toLocaleString('en-GB')} follow-ups, ${n.records.toLocaleString('en-GB')} follow-up records`,
  );
  // The benchmark's own admin and clinician (for the booster queue), beside the generated staff (who cannot sign in).
  await db.query(
    `INSERT INTO "User" (id, "clinicId", email, "displayName", "passwordHash", roles)
     VALUES (gen_random_uuid(), $1, $2, 'Benchmark admin (synthetic)', $3, ARRAY['ADMIN', 'CLINICIAN']::"Role"[])
     ON CONFLICT (email) DO UPDATE SET "clinicId" = EXCLUDED."clinicId", "passwordHash" = EXCLUDED."passwordHash",
       roles = EXCLUDED.roles, active = true`,
    [clinic.clinicId, ADMIN_EMAIL, await hashPassword(ADMIN_PASSWORD)],
  );
  const { rows: clinicRows } = await db.query<{ timezone: string; followUpSettings: unknown }>(
    `SELECT timezone, "followUpSettings" FROM "Clinic" WHERE id = $1`,
    [clinic.clinicId],
  );
  const today = new Date().toLocaleDateString('en-CA', { timeZone: clinicRows[0].timezone });

  const cadence = await startCadence(PORT, clinic.databaseUrl);
  const results: ({ query: Query } & Timing)[] = [];
  try {
    const cookie = await login();
    console.log(`\n${RUNS} runs each after a warm-up, one request at a time (ms):`);
    for (const q of queries(today)) {
      const r = { query: q, ...(await timed(path(q), cookie)) };
      results.push(r);
      console.log(
        `  ${q.name.padEnd(40)} p50 ${r.p50.toFixed(0).padStart(6)}   p95 ${r.p95.toFixed(0).padStart(6)}` +
          `   ${(r.bytes / 1024).toFixed(1).padStart(7)} KiB${r.p95 >= TARGET_MS ? '   over target' : ''}`,
      );
    }
    const queue = await timed('/api/boosters/queue', cookie);
    const page = JSON.parse(queue.body) as { items: unknown[]; total: number; forecasts: unknown[] };
    console.log(
      `  ${'booster queue, first page'.padEnd(40)} p50 ${queue.p50.toFixed(0).padStart(6)}   p95 ${queue.p95.toFixed(0).padStart(6)}` +
        `   ${(queue.bytes / 1024).toFixed(1).padStart(7)} KiB   (${page.items.length} of ${page.total.toLocaleString('en-GB')} open tasks, ` +
        `${page.forecasts.length} forecasts; not held to the target)`,
    );
  } finally {
    await stopCadence(cadence);
  }
  console.log(`Load average after: ${load()}`);

  const slowest = results.reduce((a, b) => (b.p95 > a.p95 ? b : a));
  const { rows: protocols } = await db.query<ProtocolLabel>(
    `SELECT id, key, version, route FROM "Protocol" WHERE "clinicId" = $1`,
    [clinic.clinicId],
  );
  const criteria: OutcomeCriteria = {
    clinicId: clinic.clinicId,
    protocols,
    timeZone: clinicRows[0].timezone,
    now: new Date(),
    filters: slowest.query.filters ?? {},
    groupBy: slowest.query.groupBy,
    relief: followUpSettingsOf(clinicRows[0].followUpSettings).relief,
  };
  // As the API runs them (OutcomesRepository.forAggregates).
  for (const [name, value] of Object.entries(AGGREGATE_SETTINGS))
    await db.query(`SELECT set_config($1, $2, false)`, [name, value]);
  console.log(`\nSlowest: ${slowest.query.name} (${path(slowest.query)}), its statements:`);
  // In one transaction, as the API runs them: a statement's own settings hold for those after it.
  await db.query('BEGIN');
  for (const statement of await statementsOf(slowest.query.figure, criteria)) await explain(db, statement);
  await db.query('ROLLBACK');
  await db.end();

  const over = results.filter((r) => r.p95 >= TARGET_MS);
  if (over.length) {
    console.error(`\n${over.length} quer${over.length > 1 ? 'ies' : 'y'} with p95 ≥ ${TARGET_MS} ms`);
    process.exitCode = 1;
  } else console.log(`\nEvery p95 under ${TARGET_MS} ms.`);
}

interface Timing {
  p50: number;
  p95: number;
  bytes: number;
  /** The last answer's body. */
  body: string;
}

/** A warm-up, then RUNS requests one at a time: p50 and p95 in ms. */
async function timed(path: string, cookie: string): Promise<Timing> {
  const url = `http://127.0.0.1:${PORT}${path}`;
  let body = '';
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    body = await res.text();
    const ms = performance.now() - t0;
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${body.slice(0, 300)}`);
    if (i > 0) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), bytes: body.length, body };
}

async function login(): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${PORT}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** The statements the API runs for a figure: the repository's own SQL, taken as it would be sent. */
async function statementsOf(figure: Figure, c: OutcomeCriteria): Promise<Prisma.Sql[]> {
  const taken: Prisma.Sql[] = [];
  const tx = {
    $queryRaw: (strings: TemplateStringsArray, ...values: unknown[]) => {
      taken.push(Prisma.sql(strings, ...values));
      return Promise.resolve([]);
    },
  };
  const repository = new OutcomesRepository({ tx } as unknown as ConstructorParameters<typeof OutcomesRepository>[0]);
  const days = DEFAULT_RESPONDER_SETTINGS.milestoneDays;
  if (figure === 'relief-curves' || figure === 'medians' || figure === 'comparison') await repository.reliefRows(c);
  else if (figure === 'responders')
    await repository.milestoneRows(
      c,
      RELIEF_MILESTONES.map((m) => days[m]),
    );
  else if (figure === 'scores') await repository.scoreRows(c);
  else if (figure === 'adverse-events') await repository.adverseEventRows(c);
  else if (figure === 'follow-up-completion') await repository.completionRows(c);
  else {
    await repository.boosterRows(c);
    await repository.firstBoosterRows(c);
  }
  return taken;
}

/** EXPLAIN (ANALYZE, BUFFERS) of one statement: its times, buffers and the nodes that took the most. */
async function explain(db: pg.Client, statement: Prisma.Sql): Promise<void> {
  const { rows } = await db.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`,
    statement.values as unknown[],
  );
  const lines = rows.map((r) => r['QUERY PLAN']);
  const execution = lines.find((l) => l.startsWith('Execution Time'));
  const planning = lines.find((l) => l.startsWith('Planning Time'));
  const total = Number(/([\d.]+) ms/.exec(execution ?? '')?.[1] ?? 0);
  console.log(`  ${planning}; ${execution}; top: ${lines[0].trim()}`);
  const buffers = lines.find((l) => l.trim().startsWith('Buffers:'));
  if (buffers) console.log(`  ${buffers.trim()}`);
  // The plan's nodes that took at least a tenth of the statement, as EXPLAIN printed them.
  for (const line of lines) {
    const time = /actual time=[\d.]+\.\.([\d.]+) rows=\d+ loops=(\d+)/.exec(line);
    if (time && Number(time[1]) * Number(time[2]) >= total / 10) console.log(`    ${line.slice(0, 200)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
