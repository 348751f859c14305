import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, TestContext } from '../support/context';

describe('OpenAPI document', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp();
  });
  afterAll(() => ctx.close());

  it('served at /api/docs/openapi.json equals the committed openapi/cadence.json', async () => {
    const served = await ctx.http().get('/api/docs/openapi.json').expect(200);
    const committed = JSON.parse(readFileSync(join(__dirname, '../../openapi/cadence.json'), 'utf8'));
    // If this fails: `npm run openapi` and commit the result (then `npm run generate:client`).
    expect(served.body).toEqual(committed);
  });

  it('serves the docs UI and a health check', async () => {
    const ui = await ctx.http().get('/api/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger');
    const health = await ctx.http().get('/api/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });
});
