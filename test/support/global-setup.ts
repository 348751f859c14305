import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import { ensureCatalogue } from '../../apps/api/src/launch/catalogue';
import { migrateDeploy } from '../../apps/api/src/launch/migrate';
import { admin, startTestServer, stopTestServer, urlFor } from './database';

/** Migrates a template database once per run; test files copy it. */
export default async function globalSetup() {
  await startTestServer();
  try {
    await migrateTemplate();
  } catch (error) {
    await stopTestServer(); // a failed global setup gets no teardown
    throw error;
  }
}

async function migrateTemplate() {
  const name = `cadence_test_${process.pid}_template`;
  await admin(async (c) => {
    // Leftovers of runs that died before their teardown; a run still going is left alone.
    const { rows } = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'cadence_test_%'`,
    );
    for (const { datname } of rows) {
      const pid = Number(/^cadence_test_(\d+)_/.exec(datname)?.[1]);
      if (pid !== process.pid && isAlive(pid)) continue;
      await c.query(`ALTER DATABASE "${datname}" WITH IS_TEMPLATE false`);
      await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await c.query(`CREATE DATABASE "${name}"`);
  });
  await migrateDeploy(urlFor(name));
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: urlFor(name) }) });
  await ensureCatalogue(prisma).finally(() => prisma.$disconnect());
  await admin((c) => c.query(`ALTER DATABASE "${name}" WITH IS_TEMPLATE true`));
  process.env.CADENCE_TEST_TEMPLATE = name;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
