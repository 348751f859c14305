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
