// Generates a synthetic clinic into a migrated database:
//   npm run generate:clinic -- --patients 1000 --seed 7 [--years 2] [--database-url postgresql://…]
//     [--clinic-name "…"] [--now 2026-12-02T12:00:00Z] [--retention typical|maintenance]
// Refuses a database holding a clinic it did not generate unless --clinic-name names a new one.
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import pg from 'pg';
import { generateClinic, GeneratorRefusal, type GenerateSummary } from './generate';
import { isRetention, type Retention } from './realism';

const USAGE =
  'Usage: npm run generate:clinic -- --patients <n> --seed <s> [--years 2] [--database-url <url>] [--clinic-name <name>] [--now <ISO instant>] [--retention typical|maintenance]';

function parse() {
  const { values } = parseArgs({
    options: {
      patients: { type: 'string' },
      seed: { type: 'string' },
      years: { type: 'string', default: '2' },
      'database-url': { type: 'string' },
      'clinic-name': { type: 'string' },
      now: { type: 'string' },
      retention: { type: 'string', default: 'typical' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const patients = Number(values.patients);
  const seed = Number(values.seed);
  const years = Number(values.years);
  const problems: string[] = [];
  if (!Number.isInteger(patients) || patients < 1) problems.push('--patients must be a whole number ≥ 1');
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    problems.push('--seed must be a whole number from 0 to 4294967295');
  if (!(years > 0 && years <= 20)) problems.push('--years must be more than 0 and at most 20');
  const nowMs = values.now === undefined ? undefined : Date.parse(values.now);
  if (nowMs !== undefined && Number.isNaN(nowMs)) problems.push('--now must be an ISO 8601 instant');
  const retention = values.retention;
  if (!isRetention(retention)) problems.push('--retention must be typical or maintenance');
  const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
  if (!databaseUrl) problems.push('give --database-url or set DATABASE_URL (a migrated Cadence database)');
  if (problems.length) {
    console.error(`${problems.join('\n')}\n${USAGE}`);
    process.exit(2);
  }
  return {
    patients,
    seed,
    years,
    retention: retention as Retention,
    nowMs,
    databaseUrl: databaseUrl!,
    clinicName: values['clinic-name'],
  };
}

export function printSummary(summary: GenerateSummary): void {
  const width = Math.max(...Object.keys(summary.rows).map((t) => t.length));
  for (const [table, count] of Object.entries(summary.rows)) {
    const seconds = summary.secondsByTable[table as keyof GenerateSummary['secondsByTable']];
    const rate = seconds ? `  ${Math.round((count ?? 0) / seconds).toLocaleString('en-GB')} rows/s` : '';
    console.log(`  ${table.padEnd(width)} ${String(count).padStart(10)}${rate}`);
  }
  console.log(
    `  ${'total'.padEnd(width)} ${String(summary.totalRows).padStart(10)} in ${summary.seconds.toFixed(1)} s: ` +
      `${Math.round(summary.rowsPerSecond).toLocaleString('en-GB')} rows/s` +
      (summary.bulk ? ' (bulk load: plain indexes and foreign keys made again after it)' : ''),
  );
}

async function main() {
  const args = parse();
  const client = new pg.Client({ connectionString: args.databaseUrl });
  await client.connect();
  const bar = new SingleBar({
    format: 'patients {bar} {value}/{total} | {rows} rows | {eta_formatted} left',
    hideCursor: true,
  });
  try {
    if (args.clinicName)
      console.log(`Adding the synthetic clinic "${args.clinicName}" (every record in it is invented).`);
    bar.start(args.patients, 0, { rows: 0 });
    const summary = await generateClinic(client, {
      ...args,
      onProgress: (done, rows) => bar.update(done, { rows }),
    });
    bar.stop();
    console.log(`Generated "${summary.clinicName}" (${summary.clinicId}), seed ${args.seed}:`);
    printSummary(summary);
  } catch (error) {
    bar.stop();
    if (error instanceof GeneratorRefusal) {
      console.error(error.message);
      process.exitCode = 3;
    } else {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    }
  } finally {
    await client.end();
  }
}

if (require.main === module) void main();
