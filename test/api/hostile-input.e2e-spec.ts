// The inputs a fuzzer found answering 500 — deep JSON, NUL bytes, lone surrogates, arrays where
// objects belong, impossible offsets — are refused with 400 problem+json naming the field, and write
// nothing.
import { Case, expectRefused as refuse } from '../support/bad-input';
import { startTestApp, TestContext, TestUser } from '../support/context';

const deep = (levels: number, leaf = '1') => '['.repeat(levels) + leaf + ']'.repeat(levels);
const deepObject = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

describe('hostile input', () => {
  let ctx: TestContext;
  let users: Record<'SCHEDULER' | 'NURSE' | 'CLINICIAN' | 'ADMIN', TestUser>;
  let patientId: string;

  beforeAll(async () => {
    ctx = await startTestApp();
    users = await ctx.users();
    patientId = (await ctx.newPatient()).id;
  });
  afterAll(() => ctx.close());

  const patient = {
    mrn: 'HOSTILE-1',
    givenName: 'Ada',
    familyName: 'Lovelace',
    dateOfBirth: '1980-04-02',
    sex: 'FEMALE',
  };

  describe('JSON nested deeper than 32 levels', () => {
    it.each([
      ['1,300 arrays as the login body', '/api/auth/login', undefined, deep(1300), '[0]'.repeat(32)],
      [
        '1,300 arrays as a login email',
        '/api/auth/login',
        undefined,
        `{"email":${deep(1300, '"a@b.c"')},"password":"x"}`,
        `email${'[0]'.repeat(31)}`,
      ],
      ['100,000 arrays as a patient', '/api/patients', 'SCHEDULER', deep(100_000), '[0]'.repeat(32)],
      [
        '1,300 objects in a diagnosis',
        '/api/patients',
        'SCHEDULER',
        JSON.stringify({ ...patient, diagnoses: ['X'] }).replace('"X"', deepObject(1300)),
        `diagnoses[0]${'.a'.repeat(30)}`,
      ],
    ] as const)('refuses %s, naming where', (_name, path, role, body, field) =>
      refuse(ctx, 'post', path, role ? users[role] : undefined, { name: 'deep', body, field, rule: 'maxDepth' }),
    );

    it('answers the deepest body that fits the size limit at once, anonymous', async () => {
      const started = Date.now();
      const res = await ctx.http().post('/api/auth/login').set('Content-Type', 'application/json').send(deep(128_000));
      expect(res.status).toBe(400);
      // Before the depth check this stalled the event loop for seconds.
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('accepts 32 levels (then refuses the shape, not the depth)', async () => {
      const res = await ctx
        .http()
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send(`{"email":${deep(31, '"a@b.c"')},"password":"x"}`);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'email' })]));
      expect(res.body.errors.map((e: { rule: string }) => e.rule)).not.toContain('maxDepth');
    });

    it('does not count brackets inside strings', async () => {
      const res = await ctx
        .http()
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ email: '['.repeat(50) + '\\"{', password: '{'.repeat(100) }));
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { rule: string }) => e.rule)).not.toContain('maxDepth');
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'email' })]));
    });
  });

  describe('NUL characters and lone surrogates', () => {
    const cases: (Case & { method: 'post' | 'patch'; role?: keyof typeof users })[] = [
      {
        name: 'a lone high surrogate as a login email',
        method: 'post',
        path: '/api/auth/login',
        body: '{"email":"\\ud800","password":"whatever-password"}',
        field: 'email',
        rule: 'wellFormedUnicode',
      },
      {
        name: 'a lone low surrogate in a login password',
        method: 'post',
        path: '/api/auth/login',
        body: '{"email":"a@test.cadence","password":"pass\\udc00word-long"}',
        field: 'password',
        rule: 'wellFormedUnicode',
      },
      {
        name: 'a NUL in a family name',
        method: 'post',
        role: 'SCHEDULER',
        path: '/api/patients',
        body: { ...patient, familyName: 'Love\u0000lace' },
        field: 'familyName',
        rule: 'noNulCharacter',
      },
      {
        name: 'a NUL in a diagnosis description',
        method: 'post',
        role: 'SCHEDULER',
        path: '/api/patients',
        body: {
          ...patient,
          diagnoses: [{ icd10Code: 'M79.7', description: 'a\u0000b', painMechanism: 'NOCIPLASTIC', isPrimary: true }],
        },
        field: 'diagnoses[0].description',
        rule: 'noNulCharacter',
      },
      {
        name: 'a NUL in a field name',
        method: 'post',
        role: 'SCHEDULER',
        path: '/api/patients',
        body: { ...patient, 'given\u0000Name': 'x' },
        field: 'given\\u0000Name',
        rule: 'noNulCharacter',
      },
      {
        name: 'a lone surrogate in a screening answer',
        method: 'patch',
        role: 'NURSE',
        path: '/api/screenings/00000000-0000-4000-8000-000000000000',
        body: '{"version":1,"answers":{"allergies":"\\udfff"}}',
        field: 'answers.allergies',
        rule: 'wellFormedUnicode',
      },
      {
        name: 'a NUL in a path id',
        method: 'patch',
        role: 'SCHEDULER',
        path: '/api/patients/%00',
        body: { version: 1 },
        field: 'id',
        rule: 'noNulCharacter',
      },
    ];
    it.each(cases)('refuses $name', ({ method, role, ...c }) =>
      refuse(ctx, method, c.path!, role ? users[role] : undefined, c),
    );

    it.each([
      ['/api/patients?q=Ada%00', 'q', 'noNulCharacter'],
      ['/api/audit?mrn=%00', 'mrn', 'noNulCharacter'],
      ['/api/patients/%00', 'id', 'noNulCharacter'],
    ])('GET %s is refused naming %s', async (path, field, rule) => {
      const user = path.startsWith('/api/audit') ? users.ADMIN : users.SCHEDULER;
      const res = await ctx.http().get(path).set('Cookie', user.cookie);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field, ...(rule ? { rule } : {}) })]),
      );
    });
  });

  describe('arrays where objects belong', () => {
    it.each([
      {
        name: 'an empty array as a diagnosis',
        path: '/api/patients',
        role: 'SCHEDULER' as const,
        body: { ...patient, diagnoses: [[]] },
        field: 'diagnoses',
        rule: 'isObject',
      },
      {
        name: 'a diagnosis wrapped in an array',
        path: '/api/patients',
        role: 'SCHEDULER' as const,
        body: {
          ...patient,
          diagnoses: [[{ icd10Code: 'M79.7', description: 'F', painMechanism: 'NOCIPLASTIC', isPrimary: true }]],
        },
        field: 'diagnoses',
        rule: 'isObject',
      },
      {
        name: 'a null diagnosis',
        path: '/api/patients',
        role: 'SCHEDULER' as const,
        body: { ...patient, diagnoses: [null] },
        field: 'diagnoses',
      },
      {
        name: 'an empty array as a course session',
        path: '/api/courses',
        role: 'SCHEDULER' as const,
        body: {
          patientId: '00000000-0000-4000-8000-000000000000',
          protocolId: '00000000-0000-4000-8000-000000000000',
          sessions: [[]],
        },
        field: 'sessions',
        rule: 'isObject',
      },
    ])('refuses $name', ({ role, ...c }) => refuse(ctx, 'post', c.path, users[role], c));

    it('refuses {"windows":[[]]} on PUT /api/clinic/opening-hours', () =>
      refuse(ctx, 'put', '/api/clinic/opening-hours', users.ADMIN, {
        name: 'windows',
        body: { windows: [[]] },
        field: 'windows',
        rule: 'isObject',
      }));
  });

  describe('impossible UTC offsets', () => {
    it.each(['+99:99', '-12:60', '+15:00', '-13:00'])('refuses %s on a rescheduled session', (offset) =>
      refuse(ctx, 'post', '/api/appointments/00000000-0000-4000-8000-000000000000/reschedule', users.SCHEDULER, {
        name: offset,
        body: {
          version: 1,
          chairId: '00000000-0000-4000-8000-000000000000',
          startsAt: `2030-03-02T09:00:00${offset}`,
          endsAt: '2030-03-02T10:00:00Z',
        },
        field: 'startsAt',
        rule: 'isInstant',
      }),
    );

    it.each(['+99:99', '+14:01'])('refuses %s on the chair board', async (offset) => {
      const from = encodeURIComponent(`2030-03-02T00:00:00${offset}`);
      const res = await ctx
        .http()
        .get(`/api/appointments?from=${from}&to=2030-03-03T00:00:00Z`)
        .set('Cookie', users.SCHEDULER.cookie);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'from' })]));
    });

    it('accepts the real extremes, −12:00 and +14:00', async () => {
      const res = await ctx
        .http()
        .get(
          `/api/appointments?from=${encodeURIComponent('2030-03-02T00:00:00+14:00')}&to=${encodeURIComponent('2030-03-03T00:00:00-12:00')}`,
        )
        .set('Cookie', users.SCHEDULER.cookie);
      expect(res.status).toBe(200);
    });
  });

  it('still refuses prototype poisoning', () =>
    refuse(ctx, 'patch', `/api/patients/${patientId}`, users.SCHEDULER, {
      name: '__proto__',
      body: '{"version":1,"__proto__":{"isAdmin":true}}',
    }));

  it('answers 415 problem+json to a form-encoded write: JSON is the only body parser', async () => {
    const res = await ctx
      .http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('email=a%40b.c&password=x');
    expect(res.status).toBe(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
