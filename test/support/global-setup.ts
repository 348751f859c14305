import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import { ensureCatalogue } from '../../apps/api/src/launch/catalogue';
import { migrateAsOwner } from '../../apps/api/src/launch/database-roles';
import { admin, ensureTestRoles, startTestServer, stopTestServer, TEST_ROLES, urlFor } from './database';

/** Migrates a template database once per run; test files copy it. */
export default async function globalSetup() {
  await startTestServer();
  try {
    await ensureTestRoles();
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
    await c.query(`CREATE DATABASE "${name}" OWNER ${TEST_ROLES.owner}`);
  });
  // As in production: the owner migrates and grants; the API's runtime role owns nothing.
  const ownerUrl = await migrateAsOwner({
    databaseOwnerUrl: urlFor(name, 'owner'),
    databaseUrl: urlFor(name, 'runtime'),
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: ownerUrl }) });
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
