// Runs a command against the test PostgreSQL server: the one at TEST_DATABASE_ADMIN_URL when it
// answers, else an embedded one started for the command and removed after. The command finds the
// server's superuser URL in TEST_DATABASE_ADMIN_URL.
//   npx tsx scripts/with-test-postgres.ts <command> [args…]
import { spawn } from 'node:child_process';
import { adminUrl, startTestServer, stopTestServer } from '../test/support/database';

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  if (!command) throw new Error('usage: tsx scripts/with-test-postgres.ts <command> [args…]');
  await startTestServer();
  try {
    return await new Promise<number>((resolve, reject) => {
      const child = spawn(command, args, {
        stdio: 'inherit',
        env: { ...process.env, TEST_DATABASE_ADMIN_URL: adminUrl() },
      });
      child.on('error', reject);
      child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    });
  } finally {
    await stopTestServer();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
