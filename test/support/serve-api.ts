// The API as its own process on the database its environment names (already migrated), for tests
// that kill it and start it again. Started by api-process.ts through swc-register.js.
import 'reflect-metadata';
import { createApp } from '../../apps/api/src/app.factory';
import { loadConfig } from '../../apps/api/src/common/config/app.config';

async function main() {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  console.log('listening');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
