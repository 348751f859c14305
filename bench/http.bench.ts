// HTTP benchmark of patient read and search: Cadence (built, `npm run build` first) against a bare
// baseline measured in the same run — a minimal node:http server running the very statement the API
// runs (the record plus its audit row, one round trip) through `pg`, with no auth, validation,
// logging or framework. 50 connections, autocannon. Cadence also checks the caller's session on
// every request (so a logout holds at once), here inside the read's own statement; the baseline
// stays without it.
//   npm run bench:http            (BENCH_SECONDS=10 per scenario by default)
import autocannon from 'autocannon';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { SingleBar } from 'cli-progress';
import pg from 'pg';
import { ADMIN_URL, databaseUrl, startCadence, stopCadence } from './cadence-process';
import { auditEntry } from '../apps/api/src/modules/audit/audit-entry';
import { readStatement, searchStatement } from '../apps/api/src/modules/patients/patients.sql';

const DATABASE = 'cadence_bench';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const EXTRA_PATIENTS = 10_000;
const SURNAMES = [
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

const dbUrl = databaseUrl(DATABASE);

interface Result {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function main() {
  console.log(`Preparing ${DATABASE} (migrations, demo clinic, ${EXTRA_PATIENTS.toLocaleString()} more patients)…`);
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();

  const port = 3700;
  const cadence = await startCadence(port, dbUrl);
  try {
    const db = new pg.Pool({ connectionString: dbUrl, max: 4 });
    const {
      rows: [clinic],
    } = await db.query<{ id: string }>(`SELECT id FROM "Clinic" LIMIT 1`);
    await db.query(
      `INSERT INTO "Patient" (id, "clinicId", mrn, "givenName", "familyName", "dateOfBirth", sex, "updatedAt")
       SELECT gen_random_uuid(), $1, 'BENCH-' || g, 'Given' || g, ($2::text[])[1 + g % $3] || g % 97, DATE '1940-01-01' + (g % 25000), 'FEMALE', now()
       FROM generate_series(1, $4) g`,
      [clinic.id, SURNAMES, SURNAMES.length, EXTRA_PATIENTS],
    );
    await db.query('ANALYZE');
    const ids = (await db.query<{ id: string }>(`SELECT id FROM "Patient"`)).rows.map((r) => r.id);
    await db.end();

    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'scheduler@demo.cadence.test', password: 'demo-scheduler-2026' }),
    });
    if (!login.ok) throw new Error(`login failed: ${login.status}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');

    const baseline = await startBaseline(clinic.id);
    const basePort = (baseline.server.address() as AddressInfo).port;
    const pick = () => ids[Math.floor(Math.random() * ids.length)];
    const term = () => SURNAMES[Math.floor(Math.random() * SURNAMES.length)].slice(0, 4).toLowerCase();

    const scenarios = [
      { name: 'patient read', cadence: () => `/api/patients/${pick()}`, baseline: () => `/read/${pick()}` },
      { name: 'patient search', cadence: () => `/api/patients?q=${term()}`, baseline: () => `/search?q=${term()}` },
    ];
    const rows: string[][] = [];
    for (const s of scenarios) {
      // A short unmeasured run first, so both sides are measured with warm JIT and pools.
      await run(`${s.name} — baseline warm-up`, basePort, s.baseline, {}, 2);
      const base = await run(`${s.name} — baseline`, basePort, s.baseline, {});
      await run(`${s.name} — Cadence warm-up`, port, s.cadence, { cookie }, 2);
      const ours = await run(`${s.name} — Cadence`, port, s.cadence, { cookie });
      rows.push(
        [s.name, 'baseline (pg + node:http)', fmt(base)],
        [s.name, 'Cadence API', fmt(ours)],
        [s.name, 'ratio Cadence/baseline', `${(ours.rps / base.rps).toFixed(2)} of throughput (target ≥ 0.60)`],
      );
    }
    await new Promise((r) => baseline.server.close(r));
    await baseline.pool.end();

    console.log(
      `\n${CONNECTIONS} connections, ${SECONDS} s per run, ${ids.length.toLocaleString()} patients; both sides write the audit rows.\n`,
    );
    for (const [scenario, who, figures] of rows) console.log(`${scenario.padEnd(16)} ${who.padEnd(26)} ${figures}`);
  } finally {
    await stopCadence(cadence);
  }
}

function fmt(r: Result) {
  return `${Math.round(r.rps).toString().padStart(6)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms${r.errors || r.non2xx ? `   errors ${r.errors} non-2xx ${r.non2xx}` : ''}`;
}

function run(
  title: string,
  port: number,
  path: () => string,
  headers: Record<string, string>,
  seconds = SECONDS,
): Promise<Result> {
  return new Promise((resolve, reject) => {
    const bar = new SingleBar({
      format: `${title.padEnd(30)} [{bar}] {value}/{total} s`,
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

async function startBaseline(clinicId: string): Promise<{ server: Server; pool: pg.Pool }> {
  const pool = new pg.Pool({ connectionString: dbUrl, max: 10 });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const meta = { requestId: 'baseline', ip: '127.0.0.1' };
    const statement = url.pathname.startsWith('/read/')
      ? readStatement(clinicId, url.pathname.slice(6), auditEntry(null, meta, { action: 'READ', entity: 'Patient' }))
      : searchStatement(
          { clinicId, words: [url.searchParams.get('q') ?? ''], skip: 0, take: 20 },
          auditEntry(null, meta, { action: 'SEARCH', entity: 'Patient', fields: ['q'] }),
        );
    const query = pool
      .query(statement.text, statement.values)
      .then((r) => (url.pathname.startsWith('/read/') ? r.rows[0] : { items: r.rows }));
    query.then(
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
  return { server, pool };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
