// Test databases: the migrations are applied once into a template, then every test file gets its
// own copy (`CREATE DATABASE … TEMPLATE`), which takes milliseconds and isolates files completely.
// The server is the one at TEST_DATABASE_ADMIN_URL; when nothing answers there, the global setup
// starts an embedded PostgreSQL for the run and hands its address to the workers through the env.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ensureLoginRole } from '../../apps/api/src/launch/database-roles';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../apps/api/src/launch/embedded-postgres';

const DEFAULT_ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
/** Set by the global setup to the server this run uses: the configured one, or its embedded one. */
const RUN_SERVER_ENV = 'CADENCE_TEST_SERVER_URL';

/** A superuser's connection string to the `postgres` database of the run's server. */
export function adminUrl(): string {
  return process.env[RUN_SERVER_ENV] ?? process.env.TEST_DATABASE_ADMIN_URL ?? DEFAULT_ADMIN_URL;
}

/**
 * The two roles every test database is used with, as in production: the owner runs the migrations
 * (and may insert fixtures); the API connects as the runtime role, which owns nothing. Roles are
 * cluster-wide and shared by concurrent runs on one server, so the password is fixed (ignored where
 * the server trusts local connections, as at 127.0.0.1:5432 here).
 */
export const TEST_ROLES = { owner: 'cadence_test_owner', runtime: 'cadence_test_app' } as const;
const TEST_ROLE_PASSWORD = 'cadence-test-only';

/** `database` on the run's server, as its superuser (default), owner or runtime role. */
export function urlFor(database: string, as: 'admin' | keyof typeof TEST_ROLES = 'admin'): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  if (as !== 'admin') {
    url.username = TEST_ROLES[as];
    url.password = TEST_ROLE_PASSWORD;
  }
  return url.toString();
}

/** For a global setup: creates the owner and runtime roles if this server lacks them. */
export async function ensureTestRoles(): Promise<void> {
  await admin(async (c) => {
    await ensureLoginRole(c, TEST_ROLES.owner, TEST_ROLE_PASSWORD);
    await ensureLoginRole(c, TEST_ROLES.runtime, TEST_ROLE_PASSWORD);
  });
}

export async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const EMBEDDED = Symbol.for('cadence.test.embeddedPostgres');
type WithEmbedded = typeof globalThis & { [EMBEDDED]?: EmbeddedPostgresHandle };

/**
 * For a global setup: uses the server at TEST_DATABASE_ADMIN_URL when one answers there, else starts
 * an embedded PostgreSQL in a temporary folder on a free port (stopped by stopTestServer). Either way
 * the workers, started after this, find the server through adminUrl().
 */
export async function startTestServer(): Promise<void> {
  if (process.env[RUN_SERVER_ENV]) return;
  const configured = process.env.TEST_DATABASE_ADMIN_URL ?? DEFAULT_ADMIN_URL;
  if (await answers(configured)) {
    process.env[RUN_SERVER_ENV] = configured;
    return;
  }
  console.log(`\nNo PostgreSQL answers at ${redact(configured)}: starting an embedded one for this run…`);
  const server = await startEmbeddedPostgres({ temporary: true });
  (globalThis as WithEmbedded)[EMBEDDED] = server;
  process.env[RUN_SERVER_ENV] = server.adminUrl;
}

/** For a global teardown: stops and removes the embedded server, if the setup started one. */
export async function stopTestServer(): Promise<void> {
  const holder = globalThis as WithEmbedded;
  const server = holder[EMBEDDED];
  if (!server) return;
  delete holder[EMBEDDED];
  delete process.env[RUN_SERVER_ENV];
  await server.stop();
}

/**
 * Whether a PostgreSQL server accepts connections at `url`. Only "nothing there" (refused, no route,
 * timed out) counts as no; a server that answers with an error (say, a wrong password) is reported.
 */
async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const nothingThere =
      code === 'ECONNREFUSED' ||
      code === 'EHOSTUNREACH' ||
      code === 'ENETUNREACH' ||
      code === 'EADDRNOTAVAIL' ||
      code === 'ETIMEDOUT' ||
      /timeout/i.test((error as Error).message);
    if (nothingThere) return false;
    throw new Error(`PostgreSQL at ${redact(url)} refused the test setup: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    await client.end().catch(() => undefined);
  }
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

export function templateName(): string {
  const name = process.env.CADENCE_TEST_TEMPLATE;
  if (!name) throw new Error('CADENCE_TEST_TEMPLATE is not set: run the suite through its jest config (globalSetup)');
  return name;
}

/**
 * A fresh, migrated database for one test file: `url` connects as the runtime role (give it to the
 * API), `ownerUrl` as the owner (for fixtures written straight to the tables).
 */
export async function createTestDatabase(): Promise<{
  name: string;
  url: string;
  ownerUrl: string;
  drop(): Promise<void>;
}> {
  // Named after the run (the template's pid) so a later run can tell leftovers of dead runs.
  const run = templateName().replace(/_template$/, '');
  const name = `${run}_w${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName()}" OWNER ${TEST_ROLES.owner}`));
  return {
    name,
    url: urlFor(name, 'runtime'),
    ownerUrl: urlFor(name, 'owner'),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
