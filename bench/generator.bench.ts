// Synthetic clinic generator benchmark: a fresh migrated database, one generated clinic of
// BENCH_PATIENTS patients (default 2,000) over two years, timed end to end, with the rows written
// and rows per second of every table's COPY and in total. BENCH_YEARS (default 2) lengthens the
// history, and with it the follow-up records per patient (about nine over two years, thirteen over
// five: responders stay on boosters); BENCH_RETENTION=maintenance keeps patients on boosters longer
// (about 23 over five years, RETENTION in realism.ts). The outcomes benchmark makes its own clinic (outcomes-clinic.ts).
//   npm run bench:generator
import { SingleBar } from 'cli-progress';
import { loadavg } from 'node:os';
import pg from 'pg';
import { migrateAsOwner } from '../apps/api/src/launch/database-roles';
import { printSummary } from '../apps/api/src/launch/generator/cli';
import { generateClinic } from '../apps/api/src/launch/generator/generate';
import { ADMIN_URL, databaseUrl, retentionFromEnv } from './cadence-process';

const DATABASE = 'cadence_bench_generator';
const PATIENTS = Number(process.env.BENCH_PATIENTS ?? 2_000);
const YEARS = Number(process.env.BENCH_YEARS ?? 2);
const SEED = Number(process.env.BENCH_SEED ?? 2026);
const RETENTION = retentionFromEnv('typical');

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
  const url = databaseUrl(DATABASE);
  await migrateAsOwner({ databaseUrl: url });

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const bar = new SingleBar({ format: 'patients {bar} {value}/{total} | {rows} rows | {eta_formatted} left' });
  try {
    bar.start(PATIENTS, 0, { rows: 0 });
    const summary = await generateClinic(client, {
      patients: PATIENTS,
      seed: SEED,
      years: YEARS,
      retention: RETENTION,
      onProgress: (done, rows) => bar.update(done, { rows }),
    });
    bar.stop();
    console.log(
      `${PATIENTS.toLocaleString('en-GB')} patients over ${YEARS} years (${RETENTION} retention), seed ${SEED} (rows/s: each table's COPY):`,
    );
    printSummary(summary);
    console.log(`Load average after: ${load()}`);
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
