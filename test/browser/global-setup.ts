// Starts the built Cadence (API + admin app, `npm run build` first) the way production does, on a
// fresh database with the demo clinic, for the browser tests.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { admin, urlFor } from '../support/database';

const root = join(__dirname, '../..');

export default async function globalSetup() {
  const main = join(root, 'dist/api/apps/api/src/main.js');
  if (!existsSync(main) || !existsSync(join(root, 'dist/admin/index.html'))) {
    throw new Error('Build first: npm run build (the browser tests drive the built app)');
  }
  const database = `cadence_browser_${process.pid}`;
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${database}"`);
  });
  const port = await freePort();
  const output: string[] = [];
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: urlFor(database), PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: 'true', LOG_LEVEL: 'warn', ADMIN_DIST: join(root, 'dist/admin') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr.on('data', (d: Buffer) => output.push(d.toString()));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Cadence exited during start:\n${output.join('')}`);
    try {
      if (await healthy(`${url}/api/health`)) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (Date.now() >= deadline) {
    child.kill('SIGKILL');
    throw new Error(`Cadence did not become healthy in 60 s:\n${output.join('')}`);
  }
  process.env.CADENCE_E2E_URL = url;
  (globalThis as Record<string, unknown>).__CADENCE__ = { child, database };
}

/** One request on its own connection, so no keep-alive socket outlives the setup. */
function healthy(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
