// The built API as a child process for the benchmarks, on its own database, seeded with the demo
// clinic; and the database URL a benchmark's own database gets on the admin server.
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { isRetention, type Retention } from '../apps/api/src/launch/generator/realism';

const ROOT = join(__dirname, '..');

export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** The URL of `database` on the admin server. */
export function databaseUrl(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Starts `npm run build`'s API on `port` over `dbUrl` and resolves once its health check answers. */
export async function startCadence(port: number, dbUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/api/apps/api/src/main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'true',
      NODE_ENV: 'production',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret!!',
      PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
      ADMIN_DIST: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error('Cadence exited during start (did you run npm run build?)');
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('Cadence did not start in 60 s');
}

export async function stopCadence(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
}

/** Signs in through the API and returns the session cookie header. */
export async function login(port: number, email: string, password: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** The nearest-rank p-th percentile of the values (NaN when there are none). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** BENCH_RETENTION, or `fallback` when unset; a name that is not a retention throws. */
export function retentionFromEnv(fallback: Retention): Retention {
  const value = process.env.BENCH_RETENTION ?? fallback;
  if (!isRetention(value)) throw new RangeError('BENCH_RETENTION must be typical or maintenance');
  return value;
}
