// Starts the API as a child process (from its sources, see serve-api.ts), so a test can kill it
// with SIGKILL mid-request and start it again on the same database.
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = join(__dirname, '../..');

export interface ApiProcess {
  url: string;
  /** SIGKILL: no shutdown hook runs, open requests and transactions die with the process. */
  kill(): Promise<void>;
}

export async function startApiProcess(env: Record<string, string>, port?: number): Promise<ApiProcess> {
  const listenOn = port ?? (await freePort());
  const output: string[] = [];
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', join(__dirname, 'swc-register.js'), join(__dirname, 'serve-api.ts')],
    {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: String(listenOn), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${listenOn}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The API process exited while starting:\n${output.join('')}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The API process did not answer in 90 s:\n${output.join('')}`);
    }
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
