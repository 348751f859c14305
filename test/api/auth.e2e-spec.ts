import { PASSWORD, startTestApp, TestContext } from '../support/context';

function cookiesOf(res: { headers: Record<string, unknown> }): string[] {
  const raw = res.headers['set-cookie'];
  return Array.isArray(raw) ? (raw as string[]) : raw ? [String(raw)] : [];
}

function cookieHeader(res: { headers: Record<string, unknown> }): string {
  return cookiesOf(res)
    .map((c) => c.split(';')[0])
    .filter((c) => !c.endsWith('='))
    .join('; ');
}

describe('auth', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await startTestApp({ LOGIN_MAX_FAILURES: '3' });
  });
  afterAll(() => ctx.close());

  it('signs in with httpOnly, SameSite=Strict cookies and never returns the hash', async () => {
    const nurse = await ctx.newUser(['NURSE']);
    const res = await ctx
      .http()
      .post('/api/auth/login')
      .send({ email: nurse.email.toUpperCase(), password: PASSWORD })
      .expect(200);
    expect(res.body).toEqual({
      user: {
        id: nurse.id,
        email: nurse.email,
        displayName: expect.any(String),
        roles: ['NURSE'],
        clinicId: ctx.clinicId,
      },
    });
    const cookies = cookiesOf(res);
    expect(cookies).toHaveLength(2);
    for (const cookie of cookies) expect(cookie).toMatch(/HttpOnly/i);
    for (const cookie of cookies) expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookies.find((c) => c.startsWith('cadence_refresh='))).toMatch(/Path=\/api\/auth/);
    expect(JSON.stringify(res.body)).not.toContain('argon2');

    const me = await ctx.http().get('/api/auth/me').set('Cookie', cookieHeader(res)).expect(200);
    expect(me.body.user.id).toBe(nurse.id);
    expect(await ctx.prisma.auditEvent.count({ where: { actorId: nurse.id, action: 'LOGIN' } })).toBe(1);
  });

  it('stores passwords as argon2id hashes', async () => {
    const user = await ctx.newUser(['ADMIN']);
    const { passwordHash } = await ctx.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(passwordHash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
  });

  it('answers the same 401 for a wrong password and an unknown email', async () => {
    const user = await ctx.newUser(['SCHEDULER']);
    const wrong = await ctx
      .http()
      .post('/api/auth/login')
      .send({ email: user.email, password: 'not-the-password' })
      .expect(401);
    const unknown = await ctx
      .http()
      .post('/api/auth/login')
      .send({ email: 'nobody@test.cadence', password: 'whatever' })
      .expect(401);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it('throttles an account after repeated failures, even with the right password', async () => {
    const user = await ctx.newUser(['CLINICIAN']);
    for (let i = 0; i < 3; i++) {
      await ctx
        .http()
        .post('/api/auth/login')
        .send({ email: user.email, password: `wrong-${i}` })
        .expect(401);
    }
    const res = await ctx.http().post('/api/auth/login').send({ email: user.email, password: PASSWORD }).expect(429);
    expect(res.body).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    expect(res.body.retryAfterSeconds).toBeGreaterThan(0);
    expect(res.body.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
  });

  it('refuses a deactivated account', async () => {
    const user = await ctx.newUser(['NURSE']);
    await ctx.prisma.user.update({ where: { id: user.id }, data: { active: false } });
    await ctx.http().post('/api/auth/login').send({ email: user.email, password: PASSWORD }).expect(401);
  });

  it('rotates the refresh token: the new one keeps working, the old one stops', async () => {
    const user = await ctx.newUser(['SCHEDULER']);
    const login = await ctx.http().post('/api/auth/login').send({ email: user.email, password: PASSWORD }).expect(200);
    const refreshed = await ctx.http().post('/api/auth/refresh').set('Cookie', cookieHeader(login)).expect(200);
    expect(refreshed.body.user.id).toBe(user.id);
    await ctx.http().get('/api/auth/me').set('Cookie', cookieHeader(refreshed)).expect(200);
    const again = await ctx.http().post('/api/auth/refresh').set('Cookie', cookieHeader(refreshed)).expect(200);
    await ctx.http().get('/api/auth/me').set('Cookie', cookieHeader(again)).expect(200);
    // Replaying a rotated-out token ends the session (see auth-attacks.e2e-spec.ts).
    await ctx.http().post('/api/auth/refresh').set('Cookie', cookieHeader(login)).expect(401);
  });

  it('logs out: the session is revoked and the cookies cleared', async () => {
    const user = await ctx.newUser(['SCHEDULER']);
    const login = await ctx.http().post('/api/auth/login').send({ email: user.email, password: PASSWORD }).expect(200);
    const out = await ctx.http().post('/api/auth/logout').set('Cookie', cookieHeader(login)).expect(204);
    expect(cookiesOf(out).every((c) => /Expires=Thu, 01 Jan 1970/.test(c))).toBe(true);
    await ctx.http().post('/api/auth/refresh').set('Cookie', cookieHeader(login)).expect(401);
    expect(await ctx.prisma.auditEvent.count({ where: { actorId: user.id, action: 'LOGOUT' } })).toBe(1);
  });

  it('refuses forged, tampered and missing access tokens', async () => {
    const user = await ctx.newUser(['ADMIN']);
    const [, payload] = user.cookie.split('.');
    const forged = `cadence_access=eyJhbGciOiJub25lIn0.${payload}.`;
    await ctx.http().get('/api/auth/me').set('Cookie', forged).expect(401);
    await ctx.http().get('/api/auth/me').set('Cookie', `${user.cookie}x`).expect(401);
    await ctx.http().get('/api/auth/me').expect(401);
    await ctx
      .http()
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${user.cookie.split('=')[1]}`)
      .expect(200);
  });

  it('deactivating a user ends their sessions', async () => {
    const admin = await ctx.newUser(['ADMIN']);
    const nurse = await ctx.newUser(['NURSE']);
    const login = await ctx.http().post('/api/auth/login').send({ email: nurse.email, password: PASSWORD }).expect(200);
    await ctx.http().post(`/api/users/${nurse.id}/deactivate`).set('Cookie', admin.cookie).expect(200);
    await ctx.http().post('/api/auth/refresh').set('Cookie', cookieHeader(login)).expect(401);
    const self = await ctx.http().post(`/api/users/${admin.id}/deactivate`).set('Cookie', admin.cookie).expect(400);
    expect(self.body.errors[0]).toMatchObject({ field: 'id', rule: 'notSelf' });
  });

  it("lists the clinic's active clinicians, names only, for a nurse naming a session's supervisor", async () => {
    const nurse = await ctx.newUser(['NURSE']);
    const clinician = await ctx.newUser(['CLINICIAN']);
    const gone = await ctx.newUser(['CLINICIAN']);
    const elsewhere = await ctx.newUser(['CLINICIAN'], await ctx.newClinic());
    await ctx.prisma.user.update({ where: { id: gone.id }, data: { active: false } });
    const res = await ctx.http().get('/api/users/clinicians').set('Cookie', nurse.cookie).expect(200);
    const ids = res.body.items.map((c: { id: string }) => c.id);
    expect(ids).toContain(clinician.id);
    expect(ids).not.toContain(gone.id);
    expect(ids).not.toContain(elsewhere.id);
    expect(ids).not.toContain(nurse.id);
    for (const item of res.body.items) expect(Object.keys(item).sort()).toEqual(['displayName', 'id']);
  });
});
