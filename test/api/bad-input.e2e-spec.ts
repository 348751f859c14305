// Every write route refuses bad input with 400 application/problem+json naming the field and the
// rule, and writes nothing: the row counts are the same before and after.
import { Case, expectRefused as refuse, fieldCases, LONG } from '../support/bad-input';
import { rowCounts, startTestApp, TestContext, TestUser } from '../support/context';

describe('bad input on every write route', () => {
  let ctx: TestContext;
  let scheduler: TestUser;
  let admin: TestUser;
  let patientId: string;

  beforeAll(async () => {
    ctx = await startTestApp();
    ({ SCHEDULER: scheduler, ADMIN: admin } = await ctx.users());
    patientId = (await ctx.newPatient()).id;
  });
  afterAll(() => ctx.close());

  const expectRefused = (
    method: 'post' | 'patch' | 'put' | 'delete',
    path: string,
    user: TestUser | undefined,
    c: Case,
  ) => refuse(ctx, method, path, user, c);

  describe('POST /api/patients', () => {
    const valid = {
      mrn: 'BAD-1',
      givenName: 'Ada',
      familyName: 'Lovelace',
      dateOfBirth: '1980-04-02',
      sex: 'FEMALE',
    };
    const cases: Case[] = [
      ...fieldCases(valid, ['mrn', 'givenName', 'familyName'], { dates: ['dateOfBirth'] }),
      { name: 'an unknown sex', body: { ...valid, sex: 'F' }, field: 'sex', rule: 'isIn' },
      { name: 'a blank family name', body: { ...valid, familyName: '   ' }, field: 'familyName', rule: 'matches' },
      { name: 'a weight as text', body: { ...valid, weightKg: '60' }, field: 'weightKg' },
      { name: 'a weight of 0', body: { ...valid, weightKg: 0 }, field: 'weightKg', rule: 'min' },
      { name: 'a weight of 501', body: { ...valid, weightKg: 501 }, field: 'weightKg', rule: 'max' },
      { name: 'a malformed email', body: { ...valid, email: 'not-an-email' }, field: 'email', rule: 'isEmail' },
      { name: 'a 10,000-character phone', body: { ...valid, phone: LONG }, field: 'phone' },
      { name: 'a 10,000-character escort name', body: { ...valid, escortName: LONG }, field: 'escortName' },
      {
        name: 'a malformed ICD-10 code in a diagnosis',
        body: {
          ...valid,
          diagnoses: [{ icd10Code: 'pain', description: 'x', painMechanism: 'NEUROPATHIC', isPrimary: true }],
        },
        field: 'diagnoses[0].icd10Code',
        rule: 'matches',
      },
      {
        name: 'an unknown pain mechanism',
        body: {
          ...valid,
          diagnoses: [{ icd10Code: 'M79.7', description: 'Fibromyalgia', painMechanism: 'PSYCHIC', isPrimary: true }],
        },
        field: 'diagnoses[0].painMechanism',
      },
      {
        name: 'an unknown field inside a diagnosis',
        body: {
          ...valid,
          diagnoses: [
            {
              icd10Code: 'M79.7',
              description: 'Fibromyalgia',
              painMechanism: 'NOCIPLASTIC',
              isPrimary: true,
              severity: 3,
            },
          ],
        },
        field: 'diagnoses[0].severity',
        rule: 'unknownField',
      },
      {
        name: 'two primary diagnoses',
        body: {
          ...valid,
          diagnoses: [
            { icd10Code: 'M79.7', description: 'Fibromyalgia', painMechanism: 'NOCIPLASTIC', isPrimary: true },
            { icd10Code: 'G90.50', description: 'CRPS I', painMechanism: 'NEUROPATHIC', isPrimary: true },
          ],
        },
        field: 'diagnoses',
        rule: 'atMostOnePrimary',
      },
      { name: 'diagnoses as an object', body: { ...valid, diagnoses: { icd10Code: 'M79.7' } }, field: 'diagnoses' },
    ];
    it.each(cases)('refuses $name', (c) => expectRefused('post', '/api/patients', scheduler, c));
  });

  describe('PATCH /api/patients/{id}', () => {
    const cases: Case[] = [
      { name: 'a missing version', body: { phone: '01632 960 777' }, field: 'version' },
      { name: 'a version as text', body: { version: '1', phone: '01632 960 777' }, field: 'version', rule: 'isInt' },
      { name: 'a version of 0', body: { version: 0, phone: '01632 960 777' }, field: 'version', rule: 'min' },
      { name: 'a cleared family name', body: { version: 1, familyName: null }, field: 'familyName' },
      {
        name: 'a 10,000-character given name',
        body: { version: 1, givenName: LONG },
        field: 'givenName',
        rule: 'maxLength',
      },
      {
        name: 'an impossible date of birth',
        body: { version: 1, dateOfBirth: '2023-02-30' },
        field: 'dateOfBirth',
        rule: 'isDateOfBirth',
      },
      {
        name: 'an attempt to set diagnoses',
        body: { version: 1, diagnoses: [] },
        field: 'diagnoses',
        rule: 'unknownField',
      },
      {
        name: 'an attempt to move clinics',
        body: { version: 1, clinicId: '00000000-0000-4000-8000-000000000000' },
        field: 'clinicId',
        rule: 'unknownField',
      },
      {
        name: 'an invalid UUID in the path',
        path: '/api/patients/not-a-uuid',
        body: { version: 1, phone: '01632 960 777' },
        field: 'id',
        rule: 'isUuid',
      },
      {
        name: 'a SQL-looking id in the path',
        path: "/api/patients/1'%20OR%20'1'='1",
        body: { version: 1, phone: '01632 960 777' },
        field: 'id',
        rule: 'isUuid',
      },
    ];
    it.each(cases)('refuses $name', (c) => expectRefused('patch', `/api/patients/${patientId}`, scheduler, c));
  });

  describe('POST /api/users', () => {
    const valid = {
      email: 'new.nurse@test.cadence',
      displayName: 'New Nurse',
      password: 'a-long-enough-password',
      roles: ['NURSE'],
    };
    const cases: Case[] = [
      ...fieldCases(valid, ['email', 'displayName', 'password']),
      { name: 'a short password', body: { ...valid, password: 'short' }, field: 'password', rule: 'minLength' },
      { name: 'no roles', body: { ...valid, roles: [] }, field: 'roles', rule: 'arrayMinSize' },
      { name: 'an unknown role', body: { ...valid, roles: ['SUPERUSER'] }, field: 'roles', rule: 'isIn' },
      { name: 'roles as a string', body: { ...valid, roles: 'ADMIN' }, field: 'roles' },
      { name: 'a repeated role', body: { ...valid, roles: ['NURSE', 'NURSE'] }, field: 'roles', rule: 'arrayUnique' },
    ];
    it.each(cases)('refuses $name', (c) => expectRefused('post', '/api/users', admin, c));
  });

  describe('POST /api/users/{id}/deactivate', () => {
    it.each([
      { name: 'an invalid UUID', path: '/api/users/12345/deactivate', field: 'id', rule: 'isUuid' },
      { name: 'a 90-character id', path: `/api/users/${LONG.slice(0, 90)}/deactivate`, field: 'id', rule: 'isUuid' },
    ])('refuses $name', (c) => expectRefused('post', c.path, admin, { ...c, body: {} }));

    it('answers 414 problem+json to a 10,000-character id, writing nothing', async () => {
      const before = await rowCounts(ctx.prisma);
      const res = await ctx.http().post(`/api/users/${LONG}/deactivate`).set('Cookie', admin.cookie).send({});
      expect(res.status).toBe(414);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(await rowCounts(ctx.prisma)).toEqual(before);
    });
  });

  describe('POST /api/auth/login', () => {
    const valid = { email: 'someone@test.cadence', password: 'whatever-password' };
    it.each(fieldCases(valid, ['email', 'password']))('refuses $name', (c) =>
      expectRefused('post', '/api/auth/login', undefined, c),
    );
  });

  describe('query strings', () => {
    it.each([
      ['/api/patients?page=0', 'page', 'min'],
      ['/api/patients?page=abc', 'page', 'isInt'],
      ['/api/patients?pageSize=1000', 'pageSize', 'max'],
      ['/api/patients?dateOfBirth=2023-02-30', 'dateOfBirth', 'isDateOfBirth'],
      [`/api/patients?q=${LONG.slice(0, 500)}`, 'q', 'maxLength'],
      ['/api/patients?sort=mrn', 'sort', 'unknownField'],
      ['/api/audit?patientId=nope', 'patientId', 'isUuid'],
      ["/api/audit?mrn=x'%20OR%201=1", 'mrn', 'matches'],
      ['/api/audit?from=yesterday', 'from', 'isIso8601'],
    ])('GET %s is refused naming %s', async (path, field, rule) => {
      const user = path.startsWith('/api/audit') ? admin : scheduler;
      const res = await ctx.http().get(path).set('Cookie', user.cookie).expect(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    });
  });

  it('answers 413 problem+json to an oversized body and 415 to a non-JSON one', async () => {
    const big = await ctx
      .http()
      .post('/api/patients')
      .set('Cookie', scheduler.cookie)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ mrn: 'x'.repeat(300_000) }));
    expect(big.status).toBe(413);
    expect(big.headers['content-type']).toContain('application/problem+json');
    const xml = await ctx
      .http()
      .post('/api/patients')
      .set('Cookie', scheduler.cookie)
      .set('Content-Type', 'application/xml')
      .send('<patient/>');
    expect(xml.status).toBe(415);
    expect(xml.headers['content-type']).toContain('application/problem+json');
  });
});
