import { PASSWORD, startTestApp, TestContext } from '../support/context';

const NEW_PASSWORD = 'a-fresh-password-42';

describe('staff accounts: roles, password reset and reactivation', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await startTestApp();
  });
  afterAll(() => ctx.close());

  it('replaces roles and renames an account; the new roles apply on the next request, with an audit row', async () => {
    const admin = await ctx.newUser(['ADMIN']);
    const nurse = await ctx.newUser(['NURSE']);
    await ctx.http().get('/api/screening-queue').set('Cookie', nurse.cookie).expect(403);

    const res = await ctx
      .http()
      .patch(`/api/users/${nurse.id}`)
      .set('Cookie', admin.cookie)
      .send({ roles: ['NURSE', 'CLINICIAN'], displayName: '  Dr Ada Nurse ' })
      .expect(200);
    expect(res.body).toMatchObject({ id: nurse.id, displayName: 'Dr Ada Nurse', roles: ['NURSE', 'CLINICIAN'] });
    const me = await ctx.http().get('/api/auth/me').set('Cookie', nurse.cookie).expect(200);
    expect(me.body.user.roles).toEqual(['NURSE', 'CLINICIAN']);
    const audit = await ctx.prisma.auditEvent.findFirstOrThrow({
      where: { actorId: admin.id, entity: 'User', entityId: nurse.id, action: 'UPDATE' },
    });
    expect(audit.fields).toEqual(['displayName', 'roles']);
  });

  it('refuses bad roles, an empty change and dropping your own admin role, each naming field and rule', async () => {
    const admin = await ctx.newUser(['ADMIN']);
    const nurse = await ctx.newUser(['NURSE']);
    const cases: { id: string; body: object; field: string; rule: string }[] = [
      { id: nurse.id, body: { roles: [] }, field: 'roles', rule: 'arrayMinSize' },
      { id: nurse.id, body: { roles: ['NURSE', 'NURSE'] }, field: 'roles', rule: 'arrayUnique' },
      { id: nurse.id, body: { roles: ['SURGEON'] }, field: 'roles', rule: 'isIn' },
      { id: nurse.id, body: { displayName: '   ' }, field: 'displayName', rule: 'matches' },
      { id: nurse.id, body: { roles: ['NURSE'] }, field: 'body', rule: 'changesSomething' },
      { id: admin.id, body: { roles: ['CLINICIAN'] }, field: 'roles', rule: 'keepsOwnAdmin' },
    ];
    for (const c of cases) {
      const res = await ctx.http().patch(`/api/users/${c.id}`).set('Cookie', admin.cookie).send(c.body).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: c.field, rule: c.rule })]),
      );
    }
    const stored = await ctx.prisma.user.findUniqueOrThrow({ where: { id: nurse.id } });
    expect(stored.roles).toEqual(['NURSE']);
  });

  it("answers 404 for another clinic's account and changes nothing there", async () => {
    const admin = await ctx.newUser(['ADMIN']);
    const elsewhere = await ctx.newUser(['NURSE'], await ctx.newClinic());
    await ctx
      .http()
      .patch(`/api/users/${elsewhere.id}`)
      .set('Cookie', admin.cookie)
      .send({ roles: ['ADMIN'] })
      .expect(404);
    await ctx
      .http()
      .post(`/api/users/${elsewhere.id}/reset-password`)
      .set('Cookie', admin.cookie)
      .send({ password: NEW_PASSWORD })
      .expect(404);
    await ctx.http().post(`/api/users/${elsewhere.id}/reactivate`).set('Cookie', admin.cookie).expect(404);
    const stored = await ctx.prisma.user.findUniqueOrThrow({ where: { id: elsewhere.id } });
    expect(stored.roles).toEqual(['NURSE']);
  });

  it('resets a password: the old one stops working, live sessions end, the new one signs in', async () => {
    const admin = await ctx.newUser(['ADMIN']);
    const nurse = await ctx.newUser(['NURSE']);
    const short = await ctx
      .http()
      .post(`/api/users/${nurse.id}/reset-password`)
      .set('Cookie', admin.cookie)
      .send({ password: 'short' })
      .expect(400);
    expect(short.body.errors[0]).toMatchObject({ field: 'password', rule: 'minLength' });

    await ctx
      .http()
      .post(`/api/users/${nurse.id}/reset-password`)
      .set('Cookie', admin.cookie)
      .send({ password: NEW_PASSWORD })
      .expect(200);
    await ctx.http().get('/api/auth/me').set('Cookie', nurse.cookie).expect(401);
    await ctx.http().post('/api/auth/login').send({ email: nurse.email, password: PASSWORD }).expect(401);
    await ctx.http().post('/api/auth/login').send({ email: nurse.email, password: NEW_PASSWORD }).expect(200);
    const audit = await ctx.prisma.auditEvent.findFirstOrThrow({
      where: { actorId: admin.id, entityId: nurse.id, action: 'UPDATE' },
    });
    expect(audit.fields).toEqual(['password']);
    expect(
      JSON.stringify(audit, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value)),
    ).not.toContain(NEW_PASSWORD);
  });

  it('reactivates a deactivated account, which signs in again with its roles', async () => {
    const admin = await ctx.newUser(['ADMIN']);
    const nurse = await ctx.newUser(['NURSE']);
    await ctx.http().post(`/api/users/${nurse.id}/deactivate`).set('Cookie', admin.cookie).expect(200);
    await ctx.http().post('/api/auth/login').send({ email: nurse.email, password: PASSWORD }).expect(401);

    const res = await ctx.http().post(`/api/users/${nurse.id}/reactivate`).set('Cookie', admin.cookie).expect(200);
    expect(res.body).toMatchObject({ id: nurse.id, active: true, roles: ['NURSE'] });
    await ctx.http().post('/api/auth/login').send({ email: nurse.email, password: PASSWORD }).expect(200);
    const stored = await ctx.prisma.user.findUniqueOrThrow({ where: { id: nurse.id } });
    expect(stored.deactivatedAt).toBeNull();
    const audit = await ctx.prisma.auditEvent.findFirstOrThrow({
      where: { actorId: admin.id, entityId: nurse.id, action: 'UPDATE' },
    });
    expect(audit.fields).toEqual(['active']);
  });
});
