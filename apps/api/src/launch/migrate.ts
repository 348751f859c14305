// Applies pending migrations at start-up, the same way `prisma migrate deploy` does from a shell,
// so the server never runs against a schema older than its code.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The folder holding node_modules/prisma: the repository, or /app in the container image. */
export function repoRoot(): string {
  const localRequire = typeof require === 'function' ? require : createRequire(path.join(process.cwd(), 'index.js'));
  return path.resolve(path.dirname(localRequire.resolve('prisma/package.json')), '..', '..');
}

/**
 * What `prisma migrate deploy` prints once every migration is committed. Prisma 6.19's WASM schema
 * engine then keeps the process alive on a 10-second timer; once this line is out, the child is
 * told to stop instead of waiting. Should the wording change, the child simply runs to its exit.
 */
const DONE = /All migrations have been successfully applied\.|No pending migrations to apply\./;
const EXIT_GRACE_MS = 300;

/**
 * Runs `prisma migrate deploy` against `databaseUrl` in a child process (prisma.config.ts in the
 * repository root selects the offline schema engine). Its output is shown only if it fails.
 */
export async function migrateDeploy(databaseUrl: string): Promise<void> {
  const root = repoRoot();
  const cli = path.join(root, 'node_modules', 'prisma', 'build', 'index.js');
  const output: Buffer[] = [];
  let done = false;

  const outcome = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>(
    (resolve) => {
      const child = spawn(process.execPath, [cli, 'migrate', 'deploy'], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: '1', NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let linger: NodeJS.Timeout | undefined;
      const collect = (chunk: Buffer) => {
        output.push(chunk);
        if (!done && DONE.test(Buffer.concat(output).toString('utf8'))) {
          done = true;
          linger = setTimeout(() => child.kill('SIGTERM'), EXIT_GRACE_MS);
        }
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      child.on('error', (error) => resolve({ code: null, signal: null, error }));
      child.on('close', (code, signal) => {
        clearTimeout(linger);
        resolve({ code, signal });
      });
    },
  );

  if (outcome.code === 0 || (done && outcome.signal === 'SIGTERM')) return;
  const text = Buffer.concat(output).toString('utf8');
  process.stderr.write(text.endsWith('\n') || text === '' ? text : `${text}\n`);
  const how = outcome.error
    ? `could not be started (${outcome.error.message})`
    : outcome.signal
      ? `was killed by ${outcome.signal}`
      : `exited with code ${outcome.code}`;
  throw new Error(
    `Database migration failed: \`prisma migrate deploy\` ${how} on ${redact(databaseUrl)}; its output is above`,
  );
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured database';
  }
}
