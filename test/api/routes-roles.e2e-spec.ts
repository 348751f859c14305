// Walks every route of the OpenAPI document as every role and as nobody: the allowed roles
// succeed, the others get 403, and nobody gets 401 unless the route is public. A route missing
// from the table below fails the suite, so a new route cannot ship without a role decision.
import type { Role } from '@prisma/client';
import { PASSWORD, startTestApp, TestContext } from '../support/context';

type Caller = Role | 'ANONYMOUS';
const CALLERS: Caller[] = ['SCHEDULER', 'NURSE', 'CLINICIAN', 'ADMIN', 'ANONYMOUS'];
const ALL_ROLES: Role[] = ['SCHEDULER', 'NURSE', 'CLINICIAN', 'ADMIN'];
const CLINICAL: Role[] = ['SCHEDULER', 'NURSE', 'CLINICIAN'];

interface Call {
  path: string;
  body?: object;
  /** Extra cookies the call needs (a refresh session). */
  cookie?: string;
}

interface RouteRule {
  allowed: Role[] | 'PUBLIC';
  success: number;
  call(ctx: TestContext): Promise<Call>;
}

let n = 0;
const unique = () => `${process.pid}-${++n}`;

// Screening records for the role walk, made over HTTP by a nurse so each call starts from a fresh one.
const GENERAL_ANSWERS = {
  pregnancy: 'no',
  liver_disease: 'none',
  raised_intracranial_pressure: false,
  raised_intraocular_pressure: false,
  urinary_symptoms: false,
  allergies: 'none known',
  takes_benzodiazepine: false,
  takes_lamotrigine: false,
  takes_maoi: false,
  weight_kg: 70,
};

async function generalTemplate(ctx: TestContext): Promise<{ id: string; definition: { items: unknown[] } }> {
  const res = await ctx.http().get('/api/screening-templates').set('Cookie', (await ctx.users()).NURSE.cookie);
  return res.body.items.find((t: { key: string }) => t.key === 'general');
}

async function screeningDraft(ctx: TestContext, answers: object = {}): Promise<{ id: string; version: number }> {
  const patient = await ctx.newPatient();
  const res = await ctx.http()
    .post(`/api/patients/${patient.id}/screenings`)
    .set('Cookie', (await ctx.users()).NURSE.cookie)
    .send({ templateId: (await generalTemplate(ctx)).id, answers });
  return res.body;
}

async function screeningSubmitted(ctx: TestContext, answers: object = GENERAL_ANSWERS): Promise<{ id: string; version: number }> {
  const draft = await screeningDraft(ctx, answers);
  const res = await ctx.http().post(`/api/screenings/${draft.id}/submit`).set('Cookie', (await ctx.users()).NURSE.cookie).send({ version: draft.version });
  return res.body;
}

const ROUTES: Record<string, RouteRule> = {
  'GET /api/health': { allowed: 'PUBLIC', success: 200, call: async () => ({ path: '/api/health' }) },
  'POST /api/auth/login': {
    allowed: 'PUBLIC',
    success: 200,
    call: async (ctx) => ({ path: '/api/auth/login', body: { email: (await ctx.newUser(['NURSE'])).email, password: PASSWORD } }),
  },
  'POST /api/auth/refresh': {
    allowed: 'PUBLIC',
    success: 200,
    call: async (ctx) => {
      const login = await ctx.http().post('/api/auth/login').send({ email: (await ctx.newUser(['NURSE'])).email, password: PASSWORD });
      const refresh = (login.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('cadence_refresh='))!;
      return { path: '/api/auth/refresh', cookie: refresh.split(';')[0] };
    },
  },
  'POST /api/auth/logout': { allowed: 'PUBLIC', success: 204, call: async () => ({ path: '/api/auth/logout' }) },
  'GET /api/auth/me': { allowed: ALL_ROLES, success: 200, call: async () => ({ path: '/api/auth/me' }) },
  'GET /api/users': { allowed: ['ADMIN'], success: 200, call: async () => ({ path: '/api/users' }) },
  'POST /api/users': {
    allowed: ['ADMIN'],
    success: 201,
    call: async () => ({
      path: '/api/users',
      body: { email: `staff-${unique()}@test.cadence`, displayName: 'New Nurse', password: 'a-long-enough-password', roles: ['NURSE'] },
    }),
  },
  'POST /api/users/{id}/deactivate': {
    allowed: ['ADMIN'],
    success: 200,
    call: async (ctx) => ({ path: `/api/users/${(await ctx.newUser(['NURSE'])).id}/deactivate` }),
  },
  'GET /api/audit': { allowed: ['ADMIN'], success: 200, call: async () => ({ path: '/api/audit' }) },
  'GET /api/patients': { allowed: CLINICAL, success: 200, call: async () => ({ path: '/api/patients?q=a' }) },
  'POST /api/patients': {
    allowed: ['SCHEDULER'],
    success: 201,
    call: async () => ({
      path: '/api/patients',
      body: { mrn: `R-${unique()}`, givenName: 'Role', familyName: 'Walk', dateOfBirth: '1975-05-05', sex: 'MALE' },
    }),
  },
  'GET /api/patients/{id}': { allowed: CLINICAL, success: 200, call: async (ctx) => ({ path: `/api/patients/${(await ctx.newPatient()).id}` }) },
  'PATCH /api/patients/{id}': {
    allowed: CLINICAL,
    success: 200,
    call: async (ctx) => ({ path: `/api/patients/${(await ctx.newPatient()).id}`, body: { version: 1, phone: '01632 960 555' } }),
  },
  'GET /api/screening-templates': { allowed: ['NURSE', 'CLINICIAN', 'ADMIN'], success: 200, call: async () => ({ path: '/api/screening-templates' }) },
  'POST /api/screening-templates': {
    allowed: ['ADMIN'],
    success: 201,
    call: async (ctx) => ({
      path: '/api/screening-templates',
      body: { key: `roles-${unique()}`, kind: 'GENERAL', title: 'Role walk checklist', definition: { items: (await generalTemplate(ctx)).definition.items } },
    }),
  },
  'POST /api/patients/{patientId}/screenings': {
    allowed: ['NURSE'],
    success: 201,
    call: async (ctx) => ({ path: `/api/patients/${(await ctx.newPatient()).id}/screenings`, body: { templateId: (await generalTemplate(ctx)).id } }),
  },
  'GET /api/patients/{patientId}/screenings': {
    allowed: ['NURSE', 'CLINICIAN'],
    success: 200,
    call: async (ctx) => ({ path: `/api/patients/${(await ctx.newPatient()).id}/screenings` }),
  },
  'GET /api/patients/{id}/eligibility': { allowed: CLINICAL, success: 200, call: async (ctx) => ({ path: `/api/patients/${(await ctx.newPatient()).id}/eligibility` }) },
  'GET /api/screening-queue': { allowed: ['CLINICIAN'], success: 200, call: async () => ({ path: '/api/screening-queue' }) },
  'GET /api/screenings/{id}': { allowed: ['NURSE', 'CLINICIAN'], success: 200, call: async (ctx) => ({ path: `/api/screenings/${(await screeningDraft(ctx)).id}` }) },
  'PATCH /api/screenings/{id}': {
    allowed: ['NURSE'],
    success: 200,
    call: async (ctx) => ({ path: `/api/screenings/${(await screeningDraft(ctx)).id}`, body: { version: 1, answers: { weight_kg: 71 } } }),
  },
  'POST /api/screenings/{id}/submit': {
    allowed: ['NURSE'],
    success: 200,
    call: async (ctx) => ({ path: `/api/screenings/${(await screeningDraft(ctx, GENERAL_ANSWERS)).id}/submit`, body: { version: 1 } }),
  },
  'POST /api/screenings/{id}/sign': {
    allowed: ['CLINICIAN'],
    success: 200,
    call: async (ctx) => {
      const s = await screeningSubmitted(ctx);
      return { path: `/api/screenings/${s.id}/sign`, body: { version: s.version } };
    },
  },
  'POST /api/screenings/{id}/override': {
    allowed: ['CLINICIAN'],
    success: 200,
    call: async (ctx) => {
      const s = await screeningSubmitted(ctx, { ...GENERAL_ANSWERS, raised_intraocular_pressure: true });
      return { path: `/api/screenings/${s.id}/override`, body: { version: s.version, reason: 'Glaucoma treated and stable; ophthalmology agrees' } };
    },
  },
  'POST /api/screenings/{id}/decline': {
    allowed: ['CLINICIAN'],
    success: 200,
    call: async (ctx) => {
      const s = await screeningSubmitted(ctx);
      return { path: `/api/screenings/${s.id}/decline`, body: { version: s.version, reason: 'Answers recorded for the wrong patient' } };
    },
  },
  'POST /api/screenings/{id}/addenda': {
    allowed: ['NURSE'],
    success: 201,
    call: async (ctx) => ({ path: `/api/screenings/${(await ctx.newSignedScreening((await ctx.newPatient()).id, 'GENERAL')).id}/addenda` }),
  },
};

describe('every route × every role', () => {
  let ctx: TestContext;
  let served: string[];

  beforeAll(async () => {
    ctx = await startTestApp();
    const doc = (await ctx.http().get('/api/docs/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    served = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
  });
  afterAll(() => ctx.close());

  it('has a rule for every route the API serves, and no rule for a route it does not', () => {
    expect([...served].sort()).toEqual(Object.keys(ROUTES).sort());
  });

  const cases = Object.keys(ROUTES).flatMap((route) => CALLERS.map((caller) => [route, caller] as const));
  it.each(cases)('%s as %s', async (route, caller) => {
    const rule = ROUTES[route];
    const [method] = route.split(' ');
    const call = await rule.call(ctx);
    const cookies = [call.cookie, caller === 'ANONYMOUS' ? undefined : (await ctx.users())[caller].cookie].filter(Boolean).join('; ');
    let req = ctx.http()[method.toLowerCase() as 'get' | 'post' | 'patch'](call.path);
    if (cookies) req = req.set('Cookie', cookies);
    const res = call.body ? await req.send(call.body) : await req;

    const allowed = rule.allowed === 'PUBLIC' || (caller !== 'ANONYMOUS' && rule.allowed.includes(caller));
    const expected = allowed ? rule.success : caller === 'ANONYMOUS' ? 401 : 403;
    expect({ status: res.status, body: res.body }).toMatchObject({ status: expected });
    if (!allowed) expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
