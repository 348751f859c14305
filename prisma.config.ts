// Prisma CLI configuration. The schema engine runs as WASM through the pg driver adapter, so
// `prisma migrate` works on machines that reach only the npm registry (no engine download).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { parse, toClientConfig } from 'pg-connection-string';
import { defineConfig } from 'prisma/config';

// The patches below were written against @prisma/adapter-pg 6.19 internals (its result decoding and
// its executeScript/shadow-database code); on another line they could silently do the wrong thing.
const PATCHED_ADAPTER_LINE = /^6\.19\./;
const adapterVersion = installedVersion('@prisma/adapter-pg');
if (!PATCHED_ADAPTER_LINE.test(adapterVersion)) {
  throw new Error(
    `prisma.config.ts patches @prisma/adapter-pg 6.19, but ${adapterVersion} is installed: check each patch below against that version, then update PATCHED_ADAPTER_LINE`,
  );
}

/** The version of an installed package whose exports map hides its package.json. */
function installedVersion(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (dir !== path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string };
      if (manifest.name === name) return manifest.version;
    }
    dir = path.dirname(dir);
  }
  throw new Error(`cannot find the package.json of ${name}`);
}

// The WASM schema engine reads catalog columns of type "char" (OID 18) and name (OID 19), which
// adapter-pg 6.19 cannot deserialise; presenting them as text (OID 25) is lossless for its reads.
const TEXT_OID = 25;
type QueryResult = { fields?: { name: string; dataTypeID: number }[]; rows?: unknown[] } | undefined;
const asText = (result: unknown) => {
  const fields = (result as QueryResult)?.fields;
  for (const field of fields ?? []) {
    if (field.dataTypeID === 18 || field.dataTypeID === 19) field.dataTypeID = TEXT_OID;
  }
  return withoutNotNullConstraints(result as QueryResult);
};

/**
 * PostgreSQL 18 (the embedded server) lists NOT NULL constraints in pg_constraint (contype 'n'); the
 * 6.19 schema engine aborts ("unreachable") on that unknown type while introspecting. It reads NOT
 * NULL from the columns anyway, so its constraint query leaves those rows out.
 */
function withoutNotNullConstraints(result: QueryResult) {
  const column = result?.fields?.findIndex((field) => field.name === 'constraint_type') ?? -1;
  if (column < 0 || !result?.rows) return result;
  result.rows = result.rows.filter((row) => {
    const type = Array.isArray(row) ? row[column] : (row as Record<string, unknown>).constraint_type;
    return type !== 'n';
  });
  return result;
}
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function patchedQuery(this: pg.Client, ...args: unknown[]) {
  const last = args[args.length - 1];
  if (typeof last === 'function') {
    args[args.length - 1] = (err: Error, res: unknown) => (last as (e: Error, r: unknown) => void)(err, asText(res));
    return query.apply(this, args);
  }
  const ret = query.apply(this, args);
  return ret && typeof (ret as Promise<unknown>).then === 'function' ? (ret as Promise<unknown>).then(asText) : ret;
} as typeof pg.Client.prototype.query;

type ScriptAdapter = Awaited<ReturnType<PrismaPg['connect']>> & {
  client: pg.Pool;
  onError(error: unknown): never;
};

/**
 * adapter-pg 6.19 runs a migration script by splitting it on every ";", which breaks function
 * bodies. PostgreSQL's simple query protocol takes the whole script at once, as psql would.
 */
function runScriptsWhole<T>(adapter: T): T {
  const a = adapter as unknown as ScriptAdapter;
  a.executeScript = async (script: string) => {
    try {
      await a.client.query(script);
    } catch (error) {
      a.onError(error);
    }
  };
  return adapter;
}

/**
 * adapter-pg 6.19's shadow database (used by `migrate dev` and `migrate diff`) connects with the
 * main database's connection string, which overrides the shadow's name, and drops it while its
 * own pool is still open. This makes the shadow with discrete connection fields and drops it
 * only after its pool has closed.
 */
class MigrationAdapter extends PrismaPg {
  constructor(private readonly clientConfig: pg.ClientConfig) {
    super(clientConfig);
  }

  override async connect() {
    return runScriptsWhole(await super.connect());
  }

  async connectToShadowDb() {
    const admin = new pg.Client(this.clientConfig);
    await admin.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await admin.query(`CREATE DATABASE "${database}"`);
    const shadow = runScriptsWhole(await new PrismaPg({ ...this.clientConfig, database }).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await admin.query(`DROP DATABASE "${database}" WITH (FORCE)`);
      await admin.end();
    };
    return shadow;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  adapter: async () => new MigrationAdapter(toClientConfig(parse(process.env.DATABASE_URL ?? ''))),
});
