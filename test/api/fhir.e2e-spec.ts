import { startTestApp, TestContext } from '../support/context';

describe('FHIR R4: metadata and errors', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await startTestApp();
  });
  afterAll(() => ctx.close());

  it('answers the CapabilityStatement at /fhir/R4/metadata as application/fhir+json, to anyone', async () => {
    const res = await ctx.http().get('/fhir/R4/metadata').expect(200);
    expect(res.headers['content-type']).toContain('application/fhir+json');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1', kind: 'instance' });
    const patient = res.body.rest[0].resource.find((r: { type: string }) => r.type === 'Patient');
    expect(patient.operation).toEqual([expect.objectContaining({ name: 'everything' })]);
  });

  it('answers an unknown FHIR path with a 404 OperationOutcome, while /api keeps problem+json', async () => {
    const fhir = await ctx.http().get('/fhir/R4/Nothing/here/at/all').expect(404);
    expect(fhir.headers['content-type']).toContain('application/fhir+json');
    expect(fhir.body).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'not-found' }],
    });
    const api = await ctx.http().get('/api/nothing-here').expect(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses a FHIR write that is not JSON with a 415 OperationOutcome naming the content type', async () => {
    const res = await ctx.http().post('/fhir/R4').set('content-type', 'text/plain').send('hello').expect(415);
    expect(res.headers['content-type']).toContain('application/fhir+json');
    expect(res.body.issue).toEqual([expect.objectContaining({ code: 'not-supported', expression: ['content-type'] })]);
  });
});
