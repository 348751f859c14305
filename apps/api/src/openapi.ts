// Writes the API's OpenAPI document to openapi/cadence.json, from which the admin app's typed
// client is generated. The API e2e suite fails when the committed file differs from what is served.
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildOpenApi, createApp } from './app.factory';
import { loadConfig } from './common/config/app.config';
import { repoRoot } from './launch/migrate';

export const OPENAPI_PATH = join(repoRoot(), 'openapi', 'cadence.json');

export function serialise(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

async function main() {
  // Building the document opens no database connection; the URL only has to be well formed.
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://openapi@localhost/none',
  });
  const app = await createApp(config, { logs: false });
  mkdirSync(dirname(OPENAPI_PATH), { recursive: true });
  writeFileSync(OPENAPI_PATH, serialise(buildOpenApi(app)));
  await app.close();
  console.log(`Wrote ${OPENAPI_PATH}`);
}

if (require.main === module) void main();
