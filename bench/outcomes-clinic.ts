// The outcomes benchmark's clinic: a generated clinic of BENCH_PATIENTS patients over BENCH_YEARS
// years from BENCH_SEED with BENCH_RETENTION's patients, in its own database on the admin server. Generated once and reused: the
// generator's marker (an audit row naming patients, seed, years and retention) says whether the database holds
// that clinic, and the generation's own figures are kept beside it (bench_generation) so a rerun
// can still report the generator's rows per second.
//   npx tsx --tsconfig apps/api/tsconfig.json bench/outcomes-clinic.ts   (prepares it alone)
import { SingleBar } from 'cli-progress';
import pg from 'pg';
import { migrateAsOwner } from '../apps/api/src/launch/database-roles';
import { printSummary } from '../apps/api/src/launch/generator/cli';
import { GENERATED_ACTION, generateClinic, type GenerateSummary } from '../apps/api/src/launch/generator/generate';
import type { Retention } from '../apps/api/src/launch/generator/realism';
import { ADMIN_URL, databaseUrl, retentionFromEnv } from './cadence-process';

export interface ClinicSpec {
  patients: number;
  seed: number;
  years: number;
  retention: Retention;
}

export interface BenchClinic {
  databaseUrl: string;
  clinicId: string;
  reused: boolean;
  /** The generation's figures (this run's, or the kept ones of the run that made it). */
  generation: { totalRows: number; seconds: number; rowsPerSecond: number; generatedAt: string };
}

export function specFromEnv(): ClinicSpec {
  return {
    patients: Number(process.env.BENCH_PATIENTS ?? 100_000),
    seed: Number(process.env.BENCH_SEED ?? 2026),
    years: Number(process.env.BENCH_YEARS ?? 5),
    retention: retentionFromEnv('maintenance'),
  };
}

export const databaseName = (spec: ClinicSpec) => `cadence_bench_outcomes_${spec.patients}_${spec.retention}`;

/** The database's generated clinic of `spec`, if it holds one with its generation figures. */
async function existing(url: string, spec: ClinicSpec): Promise<BenchClinic | undefined> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch {
    return undefined;
  }
  try {
    const { rows } = await client.query<{ clinic_id: string; generation: BenchClinic['generation'] }>(
      `SELECT a."entityId" AS clinic_id, g.figures AS generation
       FROM "AuditEvent" a JOIN bench_generation g ON g.clinic_id = a."entityId"::uuid
       WHERE a.action = $1 AND a.fields @> $2::text[]`,
      [
        GENERATED_ACTION,
        [`patients=${spec.patients}`, `seed=${spec.seed}`, `years=${spec.years}`, `retention=${spec.retention}`],
      ],
    );
    if (rows.length !== 1) return undefined;
    // Migrations made since the clinic was generated (and their backfills) run here, not in the
    // API's start-up, which the benchmark gives a minute.
    await migrateAsOwner({ databaseUrl: url });
    // A clinic generated before the generator analysed its tables would be timed on guessed statistics.
    await client.query('ANALYZE');
    return { databaseUrl: url, clinicId: rows[0].clinic_id, reused: true, generation: rows[0].generation };
  } catch {
    return undefined;
  } finally {
    await client.end();
  }
}

/** Reuses the clinic of `spec` when its database holds it; otherwise makes the database afresh and generates it. */
export async function ensureClinic(spec: ClinicSpec): Promise<BenchClinic> {
  const database = databaseName(spec);
  const url = databaseUrl(database);
  const found = await existing(url, spec);
  if (found) return found;

  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  await migrateAsOwner({ databaseUrl: url });

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const bar = new SingleBar({ format: 'patients {bar} {value}/{total} | {rows} rows | {eta_formatted} left' });
  try {
    bar.start(spec.patients, 0, { rows: 0 });
    const summary: GenerateSummary = await generateClinic(client, {
      ...spec,
      onProgress: (done, rows) => bar.update(done, { rows }),
    });
    bar.stop();
    console.log(
      `Generated ${spec.patients.toLocaleString('en-GB')} patients over ${spec.years} years (${spec.retention} retention), seed ${spec.seed}:`,
    );
    printSummary(summary);
    const generation = {
      totalRows: summary.totalRows,
      seconds: summary.seconds,
      rowsPerSecond: summary.rowsPerSecond,
      generatedAt: new Date().toISOString(),
    };
    await client.query(`CREATE TABLE bench_generation (clinic_id uuid PRIMARY KEY, figures jsonb NOT NULL)`);
    await client.query(`INSERT INTO bench_generation VALUES ($1, $2)`, [summary.clinicId, generation]);
    // Fresh statistics for the planner, as autovacuum would give a clinic that grew over years.
    await client.query('VACUUM ANALYZE');
    return { databaseUrl: url, clinicId: summary.clinicId, reused: false, generation };
  } finally {
    bar.stop();
    await client.end();
  }
}

if (require.main === module)
  ensureClinic(specFromEnv()).then(
    (clinic) => console.log(clinic.reused ? `Reusing the clinic in ${clinic.databaseUrl}` : 'Generated.'),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
