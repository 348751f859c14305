import { admin, stopTestServer } from './database';

export default async function globalTeardown() {
  const name = process.env.CADENCE_TEST_TEMPLATE;
  if (name) {
    await admin(async (c) => {
      await c.query(`ALTER DATABASE "${name}" WITH IS_TEMPLATE false`);
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  }
  await stopTestServer();
}
