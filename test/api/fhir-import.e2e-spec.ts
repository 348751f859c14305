// Import of a clinic's patient list as a FHIR transaction Bundle: all or nothing, every invalid
// resource named by its entry path, through POST /api/patients's validation.
import { randomUUID } from 'node:crypto';
import { rowCounts, startTestApp, TestContext, TestUser } from '../support/context';

const PAIN = 'https://cadence.dev/fhir/StructureDefinition/pain-mechanism';
const PRIMARY = 'https://cadence.dev/fhir/StructureDefinition/primary-diagnosis';

function patientEntry(mrn: string, overrides: Record<string, unknown> = {}) {
  const fullUrl = `urn:uuid:${randomUUID()}`;
  return {
    fullUrl,
    request: { method: 'POST', url: 'Patient' },
    resource: {
      resourceType: 'Patient',
      identifier: [
        {
          type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] },
          system: 'urn:old-system',
          value: mrn,
        },
      ],
      name: [{ family: 'Hopper', given: ['Grace', 'Brewster'] }],
      gender: 'female',
      birthDate: '1976-12-09',
      telecom: [{ system: 'phone', value: '+44 20 7946 0019' }],
      ...overrides,
    },
  };
}

function conditionEntry(patientFullUrl: string, code = 'G90.50', mechanism = 'neuropathic', primary = true) {
  return {
    fullUrl: `urn:uuid:${randomUUID()}`,
    request: { method: 'POST', url: 'Condition' },
    resource: {
      resourceType: 'Condition',
      extension: [
        { url: PAIN, valueCoding: { system: 'https://cadence.dev/fhir/CodeSystem/pain-mechanism', code: mechanism } },
        { url: PRIMARY, valueBoolean: primary },
      ],
      code: {
        coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code, display: 'Complex regional pain syndrome I' }],
      },
      subject: { reference: patientFullUrl },
    },
  };
}

describe('FHIR R4 import of patients', () => {
  let ctx: TestContext;
  let scheduler: TestUser;
  let nurse: TestUser;

  beforeAll(async () => {
    ctx = await startTestApp();
    ({ SCHEDULER: scheduler, NURSE: nurse } = await ctx.users());
  });
  afterAll(() => ctx.close());

  const post = (body: unknown, user = scheduler) =>
    ctx
      .http()
      .post('/fhir/R4')
      .set('Cookie', user.cookie)
      .set('Content-Type', 'application/fhir+json')
      .send(JSON.stringify(body));

  it('creates every patient of a valid Bundle with their diagnoses, audits each, and answers a transaction-response', async () => {
    const a = patientEntry('IMP-0001');
    const b = patientEntry('IMP-0002', { gender: 'male', name: [{ family: 'Turing', given: ['Alan'] }] });
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [a, conditionEntry(a.fullUrl), conditionEntry(a.fullUrl, 'M79.7', 'nociplastic', false), b],
    };
    const res = await post(bundle).expect(200);
    expect(res.headers['content-type']).toContain('application/fhir+json');
    expect(res.body).toMatchObject({ resourceType: 'Bundle', type: 'transaction-response' });
    expect(res.body.entry.map((e: { response: { status: string } }) => e.response.status)).toEqual(
      Array(4).fill('201 Created'),
    );
    const id = res.body.entry[0].response.location.split('/')[1];
    const stored = await ctx.prisma.patient.findUniqueOrThrow({ where: { id }, include: { diagnoses: true } });
    expect(stored).toMatchObject({
      mrn: 'IMP-0001',
      givenName: 'Grace Brewster',
      familyName: 'Hopper',
      sex: 'FEMALE',
      phone: '+44 20 7946 0019',
    });
    expect(stored.diagnoses.map((d) => [d.icd10Code, d.painMechanism, d.isPrimary]).sort()).toEqual([
      ['G90.50', 'NEUROPATHIC', true],
      ['M79.7', 'NOCIPLASTIC', false],
    ]);
    const audit = await ctx.prisma.auditEvent.findMany({
      where: { action: 'CREATE', entity: 'Patient', actorId: scheduler.id },
    });
    expect(audit.map((a) => a.patientId)).toEqual(expect.arrayContaining([id]));
    // Read back through FHIR: the imported patient answers with its MRN.
    const read = await ctx.http().get(`/fhir/R4/Patient/${id}`).set('Cookie', scheduler.cookie).expect(200);
    expect(read.body.identifier[0].value).toBe('IMP-0001');
  });

  it('creates none when one resource is bad, and names every bad one by its entry path', async () => {
    const before = await rowCounts(ctx.prisma);
    const good = patientEntry('IMP-0100');
    const badDate = patientEntry('IMP-0101', { birthDate: '2099-01-01' });
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        good,
        conditionEntry(good.fullUrl),
        badDate,
        conditionEntry(badDate.fullUrl, 'not-icd'),
        { request: { method: 'POST' }, resource: { resourceType: 'Observation' } },
      ],
    };
    const res = await post(bundle).expect(400);
    expect(res.headers['content-type']).toContain('application/fhir+json');
    expect(res.body.resourceType).toBe('OperationOutcome');
    const expressions = res.body.issue.map((i: { expression: string[] }) => i.expression[0]);
    expect(expressions).toEqual(
      expect.arrayContaining([
        'Bundle.entry[2].resource.birthDate',
        'Bundle.entry[3].resource.code.coding',
        'Bundle.entry[4].resource.resourceType',
      ]),
    );
    expect(expressions.some((e: string) => e.startsWith('Bundle.entry[0]') || e.startsWith('Bundle.entry[1]'))).toBe(
      false,
    );
    expect(await rowCounts(ctx.prisma)).toEqual(before);
  });

  it('names a Condition without a pain mechanism or a Patient of the Bundle, and a repeated or taken MRN', async () => {
    const p = patientEntry('IMP-0200');
    const noMechanism = conditionEntry(p.fullUrl);
    noMechanism.resource.extension = [];
    const orphan = conditionEntry('urn:uuid:nowhere');
    const repeat = patientEntry('IMP-0200');
    const res = await post({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [p, noMechanism, orphan, repeat],
    }).expect(400);
    expect(res.body.issue.map((i: { expression: string[] }) => i.expression[0])).toEqual([
      'Bundle.entry[1].resource.extension',
      'Bundle.entry[2].resource.subject',
      'Bundle.entry[3].resource.identifier',
    ]);
    await ctx.newPatient({ mrn: 'IMP-0300' });
    const taken = await post({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [patientEntry('IMP-0301'), patientEntry('IMP-0300')],
    }).expect(409);
    expect(taken.body.issue).toEqual([
      expect.objectContaining({ code: 'conflict', expression: ['Bundle.entry[1].resource.identifier'] }),
    ]);
    expect(await ctx.prisma.patient.count({ where: { mrn: 'IMP-0301' } })).toBe(0);
  });

  it('refuses what is not a transaction Bundle, and refuses a nurse (as POST /api/patients does)', async () => {
    const notBundle = await post({ resourceType: 'Patient' }).expect(400);
    expect(notBundle.body.issue[0].expression).toEqual(['Bundle.resourceType']);
    const batch = await post({ resourceType: 'Bundle', type: 'batch', entry: [patientEntry('IMP-0400')] }).expect(400);
    expect(batch.body.issue[0].expression).toEqual(['Bundle.type']);
    const refused = await post(
      { resourceType: 'Bundle', type: 'transaction', entry: [patientEntry('IMP-0401')] },
      nurse,
    ).expect(403);
    expect(refused.body.issue[0].code).toBe('forbidden');
  });
});
