// Starts Cadence: on an embedded PostgreSQL when no DATABASE_URL is given (with the demo clinic),
// otherwise on the given server. Migrations are applied before the API listens.
import 'reflect-metadata';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
// The demo seed lives with the schema in prisma/, outside any Nx project.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { seedDemoClinic } from '../../../prisma/seed';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './common/config/app.config';
import { ensureCatalogue } from './launch/catalogue';
import { EmbeddedPostgresHandle, startEmbeddedPostgres } from './launch/embedded-postgres';
import { migrateAsOwner } from './launch/database-roles';
import { repoRoot } from './launch/migrate';

async function main() {
  let embedded: EmbeddedPostgresHandle | undefined;
  if (!process.env.DATABASE_URL) {
    console.log('No DATABASE_URL given: starting the embedded PostgreSQL…');
    embedded = await startEmbeddedPostgres();
    process.env.DATABASE_URL = embedded.url;
    process.env.DATABASE_OWNER_URL = embedded.ownerUrl;
  }
  const builtAdmin = join(repoRoot(), 'dist', 'admin');
  if (!process.env.ADMIN_DIST && existsSync(join(builtAdmin, 'index.html'))) process.env.ADMIN_DIST = builtAdmin;

  const config = loadConfig();
  // Migrations and start-up data as the owner role; requests as DATABASE_URL's role.
  const ownerUrl = await migrateAsOwner(config);
  await withPrisma(ownerUrl, ensureCatalogue);

  // The demo clinic (with public demo passwords) only where asked for or on the embedded database.
  const seed = process.env.SEED_DEMO ? process.env.SEED_DEMO === 'true' : Boolean(embedded);
  const seedStart = performance.now();
  const logins = seed ? (await withPrisma(ownerUrl, (prisma) => seedDemoClinic(prisma, ownerUrl))).logins : [];
  if (seed) console.log(`Demo clinic ready in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });

  const url = `http://localhost:${config.port}`;
  console.log(`\nCadence is running at ${url}  (API docs: ${url}/api/docs)`);
  if (logins.length) {
    console.log('Demo logins:');
    for (const { role, email, password } of logins) console.log(`  ${role.padEnd(10)} ${email.padEnd(30)} ${password}`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing open requests and stopping…`);
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  // embedded-postgres installs signal hooks that stop the database and exit at once; shut down in
  // order instead: finish requests, then stop the database.
  process.removeAllListeners('SIGINT').removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

async function withPrisma<T>(databaseUrl: string, work: (prisma: PrismaClient) => Promise<T>): Promise<T> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  try {
    return await work(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
