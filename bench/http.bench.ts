// HTTP benchmark of patient read and search: Cadence (built, `npm run build` first) against a bare
// baseline measured in the same run — a minimal node:http server running the very statements the API
// runs (the record or the page plus their audit rows, one round trip) through `pg`, with no auth,
// validation, logging or framework. Cadence also checks the caller's session on every request (so
// a logout holds at once), inside the statement; the baseline stays without it.
//
// The clinic is grown to each size in turn (10,000 and 100,000 patients by default) and measured:
//   - the search statement's plan for each kind of term (broad: three or four letters of a common
//     surname; name: surname and given name; MRN: one in full); the run fails if a plan reads
//     "Patient" sequentially;
//   - one client at a time, for each kind: p50/p95/p99 and req/s through the API, the bare
//     statement, and the bare statement as it was before the trigram expression index
//     (`previousSearchStatement` below), so the change is measured on the same data in the same run;
//   - 50 connections: patient read and search (the three kinds in turn), against the baselines.
// The machine's load average is printed with each size: figures on a shared machine mean little
// without it.
//   npm run build && npm run bench:http
//   BENCH_SECONDS (default 10, per 50-connection run), BENCH_SINGLE_SECONDS (default 4, per
//   one-client run), BENCH_PATIENTS (default 10000,100000)
import autocannon from 'autocannon';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { SingleBar } from 'cli-progress';
import pg from 'pg';
import { Prisma } from '@prisma/client';
import { ADMIN_URL, databaseUrl, login, startCadence, stopCadence } from './cadence-process';
import { auditEntry, type AuditEntry } from '../apps/api/src/modules/audit/audit-entry';
import { readStatement, searchStatement, type SearchCriteria } from '../apps/api/src/modules/patients/patients.sql';

const DATABASE = 'cadence_bench';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SINGLE_SECONDS = Number(process.env.BENCH_SINGLE_SECONDS ?? 4);
const SIZES = (process.env.BENCH_PATIENTS ?? '10000,100000').split(',').map(Number);
const CONNECTIONS = 50;
/** The issue's targets: one client p95 per kind, and search throughput against read and the baseline. */
const TARGET_SINGLE_P95_MS = 20;
const TARGET_SEARCH_VS_READ = 0.5;
const TARGET_SEARCH_VS_BASELINE = 0.6;
// Reads carry the live-session check (issue: logout and deactivation take effect at once).
const TARGET_READ_VS_BASELINE = 0.6;

// The fifteen commonest surnames carry three times the weight of the others (each ~3% of patients).
const COMMON_SURNAMES = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Patel',
  'Wright',
  'Khan',
  'Evans',
  'Thomas',
  'Roberts',
  'Walker',
];
const OTHER_SURNAMES = [
  'Green',
  'Hall',
  'Wood',
  'Harris',
  'Martin',
  'Jackson',
  'Clarke',
  'Clark',
  'Turner',
  'Hill',
  'Scott',
  'Cooper',
  'Morris',
  'Ward',
  'Moore',
  'King',
  'Watson',
  'Baker',
  'Harrison',
  'Morgan',
  'Young',
  'Allen',
  'Mitchell',
  'Anderson',
  'Lee',
  'Bell',
  'Kelly',
  'Parker',
  'Davis',
  'Miller',
  'Shaw',
  'Cook',
  'Simpson',
  'Richardson',
  'Marshall',
  'Collins',
  'Bailey',
  'Chapman',
  'Webb',
  'Rogers',
  'Gray',
  'Mason',
  'Hunt',
  'Holmes',
  'Mills',
  'Owen',
  'Ali',
  'Begum',
  'Hussain',
  'Lloyd',
  'Ellis',
  'Knight',
  'Murphy',
  'Price',
  'Stewart',
];
const SURNAMES = [...COMMON_SURNAMES, ...COMMON_SURNAMES, ...COMMON_SURNAMES, ...OTHER_SURNAMES];
const GIVEN_NAMES = [
  'Olivia',
  'Amelia',
  'Isla',
  'Ava',
  'Mia',
  'Ivy',
  'Lily',
  'Isabella',
  'Sophia',
  'Grace',
  'Freya',
  'Florence',
  'Emily',
  'Ella',
  'Poppy',
  'Evie',
  'Charlotte',
  'Sienna',
  'Daisy',
  'Alice',
  'Oliver',
  'George',
  'Noah',
  'Arthur',
  'Harry',
  'Leo',
  'Muhammad',
  'Jack',
  'Charlie',
  'Oscar',
  'Jacob',
  'Henry',
  'Thomas',
  'Freddie',
  'Alfie',
  'Theo',
  'William',
  'Theodore',
  'Archie',
  'Joshua',
];

const KINDS = ['broad', 'name', 'MRN'] as const;
type Kind = (typeof KINDS)[number];

const dbUrl = databaseUrl(DATABASE);

interface Figures {
  rps: number;
  p50: number;
  p95?: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/**
 * The search statement before the trigram expression index: each word ORs ILIKEs on three
 * columns (the per-column name index cannot serve the OR with the MRN, so it reads every row),
 * and counts every match. Kept only to measure the change against, on connections that plan it as
 * it was planned before (PREVIOUS_PLANNING): the name-order index added since would otherwise let
 * it walk the clinic in name order, which is slower still for a late-alphabet surname.
 */
function previousSearchStatement(criteria: SearchCriteria, audit: AuditEntry): Prisma.Sql {
  const conditions = [Prisma.sql`p."clinicId" = ${criteria.clinicId}::uuid`];
  for (const word of criteria.words) {
    const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      Prisma.sql`(p."familyName" ILIKE ${pattern} OR p."givenName" ILIKE ${pattern} OR p.mrn ILIKE ${pattern})`,
    );
  }
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

/** Before the trigram expression index no index served the statement: it read "Patient" in full. */
const PREVIOUS_PLANNING = '-c enable_indexscan=off -c enable_bitmapscan=off';

const searchAudit = () =>
  auditEntry(null, { requestId: 'baseline', ip: '127.0.0.1' }, { action: 'SEARCH', entity: 'Patient', fields: ['q'] });

async function main() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();

  const port = 3700;
  console.log(`Preparing ${DATABASE} (migrations, demo clinic)…`);
  const cadence = await startCadence(port, dbUrl);
  const db = new pg.Pool({ connectionString: dbUrl, max: 4 });
  let seqScans = 0;
  const summary: string[] = [];
  try {
    const {
      rows: [clinic],
    } = await db.query<{ id: string }>(`SELECT id FROM "Clinic" LIMIT 1`);
    const cookie = await login(port, 'scheduler@demo.cadence.test', 'demo-scheduler-2026');
    const baseline = await startBaseline(clinic.id);
    const basePort = (baseline.server.address() as AddressInfo).port;

    for (const size of SIZES) {
      const added = await growClinic(db, clinic.id, size);
      const ids = (await db.query<{ id: string }>(`SELECT id FROM "Patient"`)).rows.map((r) => r.id);
      const terms = await termsOf(db);
      const load = () => loadavg().map((l) => l.toFixed(2));
      const loadBefore = load();
      console.log(
        `\n=== ${ids.length.toLocaleString('en-GB')} patients (${added.toLocaleString('en-GB')} added); load average ${loadBefore.join(' ')} ===`,
      );

      console.log('\nSearch statement plans (EXPLAIN ANALYZE, rolled back):');
      for (const kind of KINDS) {
        const plan = await explain(db, searchStatement(criteria(clinic.id, terms[kind]()), searchAudit()));
        const scans = /Seq Scan on "Patient"/.test(plan);
        if (scans) seqScans++;
        console.log(`  ${kind}${scans ? '   ✗ reads Patient sequentially' : ''}\n${indent(plan)}`);
      }
      const previousPlan = await explain(
        baseline.previousPool,
        previousSearchStatement(criteria(clinic.id, terms.broad()), searchAudit()),
      );
      console.log(`  broad, previous statement\n${indent(previousPlan)}`);

      const lines: string[] = [];
      const oneClient: Record<Kind, Figures> = {} as Record<Kind, Figures>;
      for (const kind of KINDS) {
        const q = () => encodeURIComponent(terms[kind]());
        await sequential('warm-up', () => `http://127.0.0.1:${port}/api/patients?q=${q()}`, cookie, 1);
        const api = await sequential(
          `${kind} — Cadence`,
          () => `http://127.0.0.1:${port}/api/patients?q=${q()}`,
          cookie,
        );
        const bare = await sequential(`${kind} — baseline`, () => `http://127.0.0.1:${basePort}/search?q=${q()}`);
        const before = await sequential(`${kind} — previous`, () => `http://127.0.0.1:${basePort}/previous?q=${q()}`);
        oneClient[kind] = api;
        lines.push(
          row(`search ${kind}, 1 client`, 'Cadence API', api, api.p95! < TARGET_SINGLE_P95_MS ? '✓' : '✗'),
          row('', 'baseline, this statement', bare),
          row('', 'baseline, previous statement', before),
        );
      }

      const pick = () => ids[Math.floor(Math.random() * ids.length)];
      let turn = 0;
      const mixed = () => encodeURIComponent(terms[KINDS[turn++ % KINDS.length]]());
      const read = await versus(
        'patient read',
        basePort,
        () => `/read/${pick()}`,
        port,
        () => `/api/patients/${pick()}`,
        cookie,
      );
      const search = await versus(
        'patient search',
        basePort,
        () => `/search?q=${mixed()}`,
        port,
        () => `/api/patients?q=${mixed()}`,
        cookie,
      );
      const previous = await autocannonRun('search — previous statement', basePort, () => `/previous?q=${mixed()}`, {});
      const vsRead = search.ours.rps / read.ours.rps;
      const vsBase = search.ours.rps / search.base.rps;
      const readVsBase = read.ours.rps / read.base.rps;
      lines.push(
        row(`read, ${CONNECTIONS} conns`, 'baseline', read.base),
        row('', 'Cadence API', read.ours),
        `${''.padEnd(24)} ${'read API / baseline'.padEnd(30)} ${readVsBase.toFixed(2)} (target ≥ ${TARGET_READ_VS_BASELINE}, session checked) ${readVsBase >= TARGET_READ_VS_BASELINE ? '✓' : '✗'}`,
        row(`search, ${CONNECTIONS} conns`, 'baseline, this statement', search.base),
        row('', 'baseline, previous statement', previous),
        row('', 'Cadence API', search.ours),
        `${''.padEnd(24)} ${'search / read (API)'.padEnd(30)} ${vsRead.toFixed(2)} (target ≥ ${TARGET_SEARCH_VS_READ}) ${vsRead >= TARGET_SEARCH_VS_READ ? '✓' : '✗'}`,
        `${''.padEnd(24)} ${'search API / baseline'.padEnd(30)} ${vsBase.toFixed(2)} (target ≥ ${TARGET_SEARCH_VS_BASELINE}) ${vsBase >= TARGET_SEARCH_VS_BASELINE ? '✓' : '✗'}`,
        `${''.padEnd(24)} ${'this / previous statement'.padEnd(30)} ${(search.base.rps / previous.rps).toFixed(1)}× the searches per second (baseline)`,
      );
      const block = [
        `${ids.length.toLocaleString('en-GB')} patients — load average ${loadBefore.join(' ')} before, ${load().join(' ')} after (${cpus().length} cores)`,
        ...lines,
      ];
      summary.push(block.join('\n'));
      console.log(`\n${block.join('\n')}`);
    }
    await new Promise((r) => baseline.server.close(r));
    await baseline.pool.end();
    await baseline.previousPool.end();
  } finally {
    await db.end();
    await stopCadence(cadence);
  }
  console.log(
    `\nSummary (one-client p95 target < ${TARGET_SINGLE_P95_MS} ms; both sides write the audit rows; ${SECONDS} s per ${CONNECTIONS}-connection run, ${SINGLE_SECONDS} s per one-client run)\n`,
  );
  console.log(summary.join('\n\n'));
  if (seqScans > 0) {
    console.error(`\n${seqScans} search plan(s) read "Patient" sequentially.`);
    process.exit(1);
  }
}

/** Adds patients to the clinic until it has `size` (names drawn as above, MRN BENCH-n); returns how many. */
async function growClinic(db: pg.Pool, clinicId: string, size: number): Promise<number> {
  const {
    rows: [{ have, bench }],
  } = await db.query<{ have: number; bench: number }>(
    `SELECT count(*)::int AS have, count(*) FILTER (WHERE mrn LIKE 'BENCH-%')::int AS bench FROM "Patient" WHERE "clinicId" = $1`,
    [clinicId],
  );
  const add = Math.max(0, size - have);
  await db.query(
    `INSERT INTO "Patient" (id, "clinicId", mrn, "givenName", "familyName", "dateOfBirth", sex, "updatedAt")
     SELECT gen_random_uuid(), $1, 'BENCH-' || g, ($2::text[])[1 + (g / $3::int) % $4::int], ($5::text[])[1 + g % $3::int],
            DATE '1940-01-01' + (g % 25000), 'FEMALE', now()
     FROM generate_series($6::int + 1, $6::int + $7::int) g`,
    [clinicId, GIVEN_NAMES, SURNAMES.length, GIVEN_NAMES.length, SURNAMES, bench, add],
  );
  // As autovacuum would have by the time a clinic has grown this far.
  await db.query('VACUUM ANALYZE "Patient", "PatientSearchGram"');
  return add;
}

/** Term makers for each kind, drawn from the clinic's patients. */
async function termsOf(db: pg.Pool): Promise<Record<Kind, () => string>> {
  const sample = (
    await db.query<{ mrn: string; givenName: string; familyName: string }>(
      `SELECT mrn, "givenName", "familyName" FROM "Patient" TABLESAMPLE SYSTEM (10) LIMIT 2000`,
    )
  ).rows;
  const any = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)];
  return {
    broad: () =>
      any(COMMON_SURNAMES)
        .slice(0, 3 + Math.floor(Math.random() * 2))
        .toLowerCase(),
    name: () => {
      const p = any(sample);
      return `${p.familyName} ${p.givenName}`;
    },
    MRN: () => any(sample).mrn,
  };
}

function criteria(clinicId: string, q: string): SearchCriteria {
  return { clinicId, words: q.trim().split(/\s+/), skip: 0, take: 20 };
}

async function explain(db: pg.Pool, statement: Prisma.Sql): Promise<string> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, COSTS OFF) ${statement.text}`,
      statement.values,
    );
    return rows
      .map((r) => r['QUERY PLAN'])
      .filter((line) => /Patient|Index Cond|Recheck Cond|Heap Blocks|Sort Method|Execution Time/.test(line))
      .join('\n');
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');

function row(scenario: string, who: string, r: Figures, mark = '') {
  const p95 = r.p95 === undefined ? '' : `   p95 ${r.p95.toFixed(1).padStart(6)} ms`;
  const errors = r.errors || r.non2xx ? `   errors ${r.errors} non-2xx ${r.non2xx}` : '';
  return `${scenario.padEnd(24)} ${who.padEnd(30)} ${Math.round(r.rps).toString().padStart(6)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms${p95}   p99 ${r.p99.toFixed(1).padStart(6)} ms${errors} ${mark}`;
}

/** One client, one request at a time, for `seconds`: latencies measured around each request. */
async function sequential(title: string, url: () => string, cookie?: string, seconds = SINGLE_SECONDS) {
  const latencies: number[] = [];
  let non2xx = 0;
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const started = performance.now();
    const res = await fetch(url(), { headers: cookie ? { cookie } : {} });
    await res.arrayBuffer();
    latencies.push(performance.now() - started);
    if (!res.ok) non2xx++;
  }
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  process.stdout.write(`${title.padEnd(30)} ${latencies.length} requests\n`);
  return { rps: latencies.length / seconds, p50: at(0.5), p95: at(0.95), p99: at(0.99), errors: 0, non2xx };
}

async function versus(
  name: string,
  basePort: number,
  basePath: () => string,
  port: number,
  path: () => string,
  cookie: string,
): Promise<{ base: Figures; ours: Figures }> {
  // A short unmeasured run first, so both sides are measured with warm JIT and pools.
  await autocannonRun(`${name} — baseline warm-up`, basePort, basePath, {}, 2);
  const base = await autocannonRun(`${name} — baseline`, basePort, basePath, {});
  await autocannonRun(`${name} — Cadence warm-up`, port, path, { cookie }, 2);
  const ours = await autocannonRun(`${name} — Cadence`, port, path, { cookie });
  return { base, ours };
}

function autocannonRun(
  title: string,
  port: number,
  path: () => string,
  headers: Record<string, string>,
  seconds = SECONDS,
): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const bar = new SingleBar({
      format: `${title.padEnd(34)} [{bar}] {value}/{total} s`,
      noTTYOutput: true,
      notTTYSchedule: 5000,
    });
    bar.start(seconds, 0);
    const tick = setInterval(() => bar.increment(), 1000);
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections: CONNECTIONS,
        duration: seconds,
        headers,
        requests: [{ setupRequest: (req) => ({ ...req, path: path() }) }],
      },
      (err, result) => {
        clearInterval(tick);
        bar.update(seconds);
        bar.stop();
        if (err) return reject(err);
        resolve({
          rps: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          errors: result.errors,
          non2xx: result.non2xx,
        });
      },
    );
    instance.on('error', reject);
  });
}

async function startBaseline(clinicId: string): Promise<{ server: Server; pool: pg.Pool; previousPool: pg.Pool }> {
  const pool = new pg.Pool({ connectionString: dbUrl, max: 10 });
  const previousPool = new pg.Pool({ connectionString: dbUrl, max: 10, options: PREVIOUS_PLANNING });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const meta = { requestId: 'baseline', ip: '127.0.0.1' };
    const reading = url.pathname.startsWith('/read/');
    const search = criteria(clinicId, url.searchParams.get('q') ?? '');
    const previous = url.pathname === '/previous';
    const statement = reading
      ? readStatement(clinicId, url.pathname.slice(6), auditEntry(null, meta, { action: 'READ', entity: 'Patient' }))
      : previous
        ? previousSearchStatement(search, searchAudit())
        : searchStatement(search, searchAudit());
    (previous ? previousPool : pool)
      .query(statement.text, statement.values)
      .then((r) => (reading ? r.rows[0] : { items: r.rows }))
      .then(
        (body) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        },
        () => {
          res.writeHead(500);
          res.end();
        },
      );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, pool, previousPool };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
