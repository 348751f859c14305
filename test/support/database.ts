// Test databases: the migrations are applied once into a template, then every test file gets its
// own copy (`CREATE DATABASE … TEMPLATE`), which takes milliseconds and isolates files completely.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export function urlFor(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function templateName(): string {
  const name = process.env.CADENCE_TEST_TEMPLATE;
  if (!name) throw new Error('CADENCE_TEST_TEMPLATE is not set: run the suite through its jest config (globalSetup)');
  return name;
}

/** A fresh, migrated database for one test file. */
export async function createTestDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  // Named after the run (the template's pid) so a later run can tell leftovers of dead runs.
  const run = templateName().replace(/_template$/, '');
  const name = `${run}_w${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName()}"`));
  return {
    name,
    url: urlFor(name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
