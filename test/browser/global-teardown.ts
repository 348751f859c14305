import type { ChildProcess } from 'node:child_process';
import { admin, stopTestServer } from '../support/database';

export default async function globalTeardown() {
  const state = (globalThis as Record<string, unknown>).__CADENCE__ as
    { child: ChildProcess; database: string } | undefined;
  if (!state) return stopTestServer();
  const exited = new Promise((resolve) => state.child.once('exit', resolve));
  state.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (state.child.exitCode === null) state.child.kill('SIGKILL');
  state.child.stdout?.destroy();
  state.child.stderr?.destroy();
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${state.database}" WITH (FORCE)`));
  await stopTestServer();
}
