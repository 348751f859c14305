// The attacks of issue 7 on sign-in, sessions and the HTTP layer, each reproduced against two API
// instances on one database where the point is about instances, and each answered with a refusal.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import request from 'supertest';
import { createApp } from '../../apps/api/src/app.factory';
import { loadConfig } from '../../apps/api/src/common/config/app.config';
import { PASSWORD, startTestApp, TestContext } from '../support/context';

const PUBLIC_ORIGIN = 'https://cadence.test';
// The test client is the "proxy": its X-Forwarded-For names the caller, so each test has its own address.
const ENV = { PUBLIC_ORIGIN, TRUSTED_PROXIES: '127.0.0.1, ::1, ::ffff:127.0.0.1' };

let addresses = 0;
/** A caller address of its own (TEST-NET-3), so the per-address limit of one test leaves the others alone. */
const newAddress = () => `203.0.113.${++addresses}`;

function cookieHeader(res: { headers: Record<string, unknown> }): string {
  const raw = res.headers['set-cookie'];
  const cookies = Array.isArray(raw) ? (raw as string[]) : raw ? [String(raw)] : [];
  return cookies
    .map((c) => c.split(';')[0])
    .filter((c) => !c.endsWith('='))
    .join('; ');
}

describe('sign-in, sessions and requests under attack', () => {
  let ctx: TestContext;
  let second: NestFastifyApplication;
  /** Base URLs of the two listening instances. */
  let a: string;
  let b: string;

  beforeAll(async () => {
    ctx = await startTestApp(ENV);
    // A second instance on the same database, sharing only what a deployment shares: the config.
    second = await createApp(
      loadConfig({
        DATABASE_URL: ctx.config.databaseUrl,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        JWT_SECRET: ctx.config.auth.jwtSecret,
        ...ENV,
      }),
      { logs: false },
    );
    await ctx.app.listen(0, '127.0.0.1');
    await second.listen(0, '127.0.0.1');
    a = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
    b = `http://127.0.0.1:${(second.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await second.close();
    await ctx.close();
  });

  const login = (base: string, email: string, password: string, from: string) =>
    request(base).post('/api/auth/login').set('X-Forwarded-For', from).send({ email, password });

  describe('login throttling (7.1)', () => {
    it('verifies at most 5 of 100 concurrent guesses over two instances, refuses the rest with Retry-After, and the right password too', async () => {
      const nurse = await ctx.newUser(['NURSE']);
      const from = newAddress();
      const guesses = Array.from({ length: 99 }, (_, i) =>
        login(i % 2 ? a : b, nurse.email, `wrong-${i}`, from).then((res) => res),
      );
      // The right password goes out while the burst is in flight, once the limit has been reserved.
      const deadline = Date.now() + 20_000;
      while ((await ctx.prisma.loginAttempt.count({ where: { email: nurse.email } })) < 5 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 5));
      }
      const right = login(b, nurse.email, PASSWORD, from).then((res) => res);
      const answers = await Promise.all([...guesses, right]);

      const statuses = answers.map((res) => res.status);
      const verified = statuses.filter((s) => s !== 429).length;
      console.log(
        `throttle burst: ${answers.length} requests, ${verified} verified, ${statuses.length - verified} answered 429`,
      );
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(95);
      expect(answers[99].status).toBe(429);
      // One reservation per verified password, none for a refusal.
      expect(await ctx.prisma.loginAttempt.count({ where: { email: nurse.email } })).toBe(5);
      expect(await ctx.prisma.auditEvent.count({ where: { actorId: nurse.id, action: 'LOGIN' } })).toBe(0);
      for (const res of answers.filter((r) => r.status === 429)) {
        expect(res.headers['content-type']).toContain('application/problem+json');
        const seconds = Number(res.headers['retry-after']);
        expect(Number.isInteger(seconds)).toBe(true);
        expect(seconds).toBeGreaterThan(0);
        expect(seconds).toBeLessThanOrEqual(15 * 60);
        expect(res.body.retryAfterSeconds).toBe(seconds);
      }
    });

    it('does not let a stranger lock a user out with 5 wrong passwords from elsewhere', async () => {
      const user = await ctx.newUser(['SCHEDULER']);
      const stranger = newAddress();
      for (let i = 0; i < 5; i++) await login(a, user.email, `guess-${i}`, stranger).expect(401);
      await login(b, user.email, `guess-5`, stranger).expect(429);
      await login(a, user.email, PASSWORD, stranger).expect(429);
      await login(b, user.email, PASSWORD, newAddress()).expect(200);
    });

    it('forgets the mistakes of a user who then signed in, at that address only', async () => {
      const user = await ctx.newUser(['NURSE']);
      const desk = newAddress();
      for (let i = 0; i < 4; i++) await login(a, user.email, `typo-${i}`, desk).expect(401);
      await login(b, user.email, PASSWORD, desk).expect(200);
      // Four more typos and the right password: still verified, the earlier four no longer count.
      for (let i = 0; i < 4; i++) await login(i % 2 ? a : b, user.email, `typo-again-${i}`, desk).expect(401);
      await login(a, user.email, PASSWORD, desk).expect(200);
      // A guesser elsewhere is not helped by the user's success: five failures there still lock that pair.
      const stranger = newAddress();
      for (let i = 0; i < 5; i++) await login(b, user.email, `guess-${i}`, stranger).expect(401);
      await login(a, user.email, PASSWORD, stranger).expect(429);
    });

    it('caps guesses at one account from many addresses, and at many accounts from one address', async () => {
      const target = await ctx.newUser(['ADMIN']);
      for (let source = 0; source < 4; source++) {
        const from = newAddress();
        for (let i = 0; i < 5; i++) await login(source % 2 ? a : b, target.email, `spray-${i}`, from).expect(401);
      }
      await login(a, target.email, PASSWORD, newAddress()).expect(429);

      const sprayer = newAddress();
      for (let i = 0; i < 20; i++) await login(i % 2 ? a : b, `nobody-${i}@test.cadence`, 'x', sprayer).expect(401);
      const other = await ctx.newUser(['NURSE']);
      await login(a, other.email, PASSWORD, sprayer).expect(429);
    });
  });

  describe('proxies trusted only when configured (7.8)', () => {
    it('ignores X-Forwarded-For without TRUSTED_PROXIES: rotating it does not reset the limit', async () => {
      const plain = await startTestApp({ PUBLIC_ORIGIN });
      try {
        const user = await plain.newUser(['NURSE']);
        const attempt = (password: string) =>
          plain
            .http()
            .post('/api/auth/login')
            .set('X-Forwarded-For', newAddress())
            .send({ email: user.email, password });
        for (let i = 0; i < 5; i++) await attempt(`wrong-${i}`).expect(401);
        await attempt(PASSWORD).expect(429);
        const ips = await plain.prisma.loginAttempt.findMany({ where: { email: user.email }, select: { ip: true } });
        expect(new Set(ips.map((r) => r.ip)).size).toBe(1);
        expect(ips[0].ip).not.toMatch(/^203\.0\.113\./);
      } finally {
        await plain.close();
      }
    });

    it('believes the configured proxy, and writes the forwarded address into the audit row', async () => {
      const user = await ctx.newUser(['CLINICIAN']);
      const from = newAddress();
      await login(a, user.email, PASSWORD, from).expect(200);
      const row = await ctx.prisma.auditEvent.findFirstOrThrow({ where: { actorId: user.id, action: 'LOGIN' } });
      expect(row.ip).toBe(from);
    });

    it('mints request ids on the server: a client X-Request-Id never reaches the audit trail', async () => {
      const user = await ctx.newUser(['SCHEDULER']);
      const res = await login(a, user.email, PASSWORD, newAddress())
        .set('X-Request-Id', 'forged-request-id-0001')
        .expect(200);
      const row = await ctx.prisma.auditEvent.findFirstOrThrow({ where: { actorId: user.id, action: 'LOGIN' } });
      expect(row.requestId).not.toBe('forged-request-id-0001');
      expect(row.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers['x-request-id']).toBe(row.requestId);
      const problem = await request(a).get('/api/auth/me').set('X-Request-Id', 'forged-request-id-0002').expect(401);
      expect(problem.body.correlationId).not.toBe('forged-request-id-0002');
      expect(problem.headers['x-request-id']).toBe(problem.body.correlationId);
    });
  });

  it('logs under the server request id, with a client X-Request-Id only beside it', async () => {
    const lines: string[] = [];
    const capture = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const logged = await startTestApp({ LOG_LEVEL: 'info' }, { logStream: capture });
    try {
      const res = await logged.http().get('/api/auth/me').set('X-Request-Id', 'forged-request-id-0003').expect(401);
      await new Promise((r) => setTimeout(r, 50));
      const entries = lines.map((line) => JSON.parse(line) as { req?: { id?: string }; clientRequestId?: string });
      const entry = entries.find((e) => e.req?.id === res.headers['x-request-id']);
      expect(entry).toMatchObject({ clientRequestId: 'forged-request-id-0003' });
      expect(entries.some((e) => e.req?.id === 'forged-request-id-0003')).toBe(false);
    } finally {
      await logged.close();
    }
  });

  describe('logout and deactivation take effect at once (7.4)', () => {
    it("stops a deactivated nurse's access token on every instance before it expires", async () => {
      const admin = await ctx.newUser(['ADMIN']);
      const nurse = await ctx.newUser(['NURSE']);
      const patient = await ctx.newPatient();
      const session = await login(a, nurse.email, PASSWORD, newAddress()).expect(200);
      const cookie = cookieHeader(session);
      await request(b).get('/api/auth/me').set('Cookie', cookie).expect(200);
      await request(a)
        .post(`/api/users/${nurse.id}/deactivate`)
        .set('Cookie', admin.cookie)
        .set('Origin', PUBLIC_ORIGIN)
        .expect(200);
      for (const base of [a, b]) {
        await request(base).get('/api/auth/me').set('Cookie', cookie).expect(401);
        const write = await request(base)
          .post(`/api/patients/${patient.id}/screenings`)
          .set('Cookie', cookie)
          .set('Origin', PUBLIC_ORIGIN)
          .send({ templateId: patient.id, answers: {} })
          .expect(401);
        expect(write.body.code).toBe('UNAUTHENTICATED');
        await request(base)
          .get(`/api/patients/${patient.id}`)
          .set('Authorization', `Bearer ${cookie.match(/cadence_access=([^;]+)/)?.[1]}`)
          .expect(401);
      }
      expect(await ctx.prisma.screening.count({ where: { patientId: patient.id } })).toBe(0);
    });

    it('ends the access token at logout, on the other instance too', async () => {
      const user = await ctx.newUser(['SCHEDULER']);
      const cookie = cookieHeader(await login(a, user.email, PASSWORD, newAddress()).expect(200));
      await request(b).get('/api/auth/me').set('Cookie', cookie).expect(200);
      await request(b).post('/api/auth/logout').set('Cookie', cookie).set('Origin', PUBLIC_ORIGIN).expect(204);
      await request(a).get('/api/auth/me').set('Cookie', cookie).expect(401);
      await request(a).post('/api/auth/refresh').set('Cookie', cookie).set('Origin', PUBLIC_ORIGIN).expect(401);
    });

    it('refuses the patient read and search, whose statements check the session, at once on every instance and audits nothing', async () => {
      const user = await ctx.newUser(['NURSE']);
      const patient = await ctx.newPatient();
      const cookie = cookieHeader(await login(a, user.email, PASSWORD, newAddress()).expect(200));
      // Both instances have seen the session live, so each answers from the statement's own check.
      for (const base of [a, b]) {
        await request(base).get(`/api/patients/${patient.id}`).set('Cookie', cookie).expect(200);
        const found = await request(base)
          .get(`/api/patients?q=${patient.familyName}`)
          .set('Cookie', cookie)
          .expect(200);
        expect(found.body.items).toHaveLength(1);
      }
      const audited = () => ctx.prisma.auditEvent.count({ where: { actorId: user.id, patientId: patient.id } });
      const before = await audited();
      await request(b).post('/api/auth/logout').set('Cookie', cookie).set('Origin', PUBLIC_ORIGIN).expect(204);
      for (const base of [a, b]) {
        const read = await request(base).get(`/api/patients/${patient.id}`).set('Cookie', cookie).expect(401);
        expect(read.body.code).toBe('UNAUTHENTICATED');
        expect(read.body).not.toHaveProperty('mrn');
        const search = await request(base)
          .get(`/api/patients?q=${patient.familyName}`)
          .set('Cookie', cookie)
          .expect(401);
        expect(search.body).not.toHaveProperty('items');
      }
      expect(await audited()).toBe(before);
    });

    it('refuses the patient read to a user who lost the role since the session was seen', async () => {
      const user = await ctx.newUser(['NURSE', 'ADMIN']);
      const patient = await ctx.newPatient();
      const cookie = cookieHeader(await login(a, user.email, PASSWORD, newAddress()).expect(200));
      await request(a).get(`/api/patients/${patient.id}`).set('Cookie', cookie).expect(200);
      await ctx.prisma.user.update({ where: { id: user.id }, data: { roles: ['ADMIN'] } });
      const read = await request(a).get(`/api/patients/${patient.id}`).set('Cookie', cookie).expect(403);
      expect(read.body.code).toBe('FORBIDDEN');
    });

    it('ends a script session given only its bearer token', async () => {
      const user = await ctx.newUser(['SCHEDULER']);
      const cookie = cookieHeader(await login(a, user.email, PASSWORD, newAddress()).expect(200));
      const bearer = `Bearer ${cookie.match(/cadence_access=([^;]+)/)?.[1]}`;
      await request(b).post('/api/auth/logout').set('Authorization', bearer).expect(204);
      await request(a).get('/api/auth/me').set('Authorization', bearer).expect(401);
    });

    it('ends the whole session when a rotated refresh token is replayed', async () => {
      const user = await ctx.newUser(['NURSE']);
      const stolen = cookieHeader(await login(a, user.email, PASSWORD, newAddress()).expect(200));
      const owner = cookieHeader(
        await request(b).post('/api/auth/refresh').set('Cookie', stolen).set('Origin', PUBLIC_ORIGIN).expect(200),
      );
      await request(a).get('/api/auth/me').set('Cookie', owner).expect(200);

      await request(a).post('/api/auth/refresh').set('Cookie', stolen).set('Origin', PUBLIC_ORIGIN).expect(401);
      // The owner's newer tokens die with the session: the copy cannot be told from the original.
      await request(b).get('/api/auth/me').set('Cookie', owner).expect(401);
      await request(b).post('/api/auth/refresh').set('Cookie', owner).set('Origin', PUBLIC_ORIGIN).expect(401);
      const sessions = await ctx.prisma.session.findMany({ where: { userId: user.id, retiredTokens: { some: {} } } });
      expect(sessions).toHaveLength(1);
      expect(sessions[0].revokedAt).not.toBeNull();
      const audit = await ctx.prisma.auditEvent.findFirstOrThrow({ where: { actorId: user.id, action: 'LOGOUT' } });
      expect(audit.fields).toEqual(['refreshTokenReuse']);
    });
  });

  describe('only JSON writes, only from the app origin (7.7)', () => {
    const newAccount = () => ({
      email: `forged-${randomBytes(4).toString('hex')}@test.cadence`,
      displayName: 'Forged Admin',
      password: 'forged-password-1234',
      roles: 'ADMIN',
    });

    it('refuses a cookie-authenticated form POST that would create an ADMIN user, with 415', async () => {
      const admin = await ctx.newUser(['ADMIN']);
      const before = await ctx.prisma.user.count();
      const account = newAccount();
      for (const [type, body] of [
        ['application/x-www-form-urlencoded', new URLSearchParams(account).toString()],
        ['text/plain', JSON.stringify({ ...account, roles: ['ADMIN'] })],
        [
          'multipart/form-data; boundary=x',
          `--x\r\nContent-Disposition: form-data; name="email"\r\n\r\n${account.email}\r\n--x--`,
        ],
      ]) {
        const res = await request(a)
          .post('/api/users')
          .set('Cookie', admin.cookie)
          .set('Content-Type', type)
          .send(body);
        expect(res.status).toBe(415);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'content-type', rule: 'json' })]);
      }
      expect(await ctx.prisma.user.count()).toBe(before);
    });

    it('refuses cookie-authenticated writes from another origin or site with 403, and writes nothing', async () => {
      const admin = await ctx.newUser(['ADMIN']);
      const nurse = await ctx.newUser(['NURSE']);
      const before = await ctx.prisma.user.count();
      const attempts = [
        { Origin: 'https://evil.example' },
        { Origin: 'null' },
        { Origin: `${PUBLIC_ORIGIN}.evil.example` },
        { 'Sec-Fetch-Site': 'cross-site' },
        { 'Sec-Fetch-Site': 'same-site' },
        { Origin: PUBLIC_ORIGIN, 'Sec-Fetch-Site': 'cross-site' },
      ];
      for (const headers of attempts) {
        const res = await request(a).post('/api/users').set('Cookie', admin.cookie).set(headers).send(newAccount());
        expect(res.status).toBe(403);
        expect(res.headers['content-type']).toContain('application/problem+json');
        // A write without a body is refused too: deactivating someone takes no body.
        await request(b).post(`/api/users/${nurse.id}/deactivate`).set('Cookie', admin.cookie).set(headers).expect(403);
      }
      expect(await ctx.prisma.user.count()).toBe(before);
      expect((await ctx.prisma.user.findUniqueOrThrow({ where: { id: nurse.id } })).active).toBe(true);
    });

    it('accepts writes from the app origin, and bearer-token scripts from anywhere', async () => {
      const admin = await ctx.newUser(['ADMIN']);
      await request(a)
        .post('/api/users')
        .set('Cookie', admin.cookie)
        .set({ Origin: PUBLIC_ORIGIN, 'Sec-Fetch-Site': 'same-origin' })
        .send({ ...newAccount(), roles: ['NURSE'] })
        .expect(201);
      const bearer = `Bearer ${admin.cookie.split('=')[1]}`;
      await request(b)
        .post('/api/users')
        .set('Authorization', bearer)
        .set('Origin', 'https://script-host.example')
        .send({ ...newAccount(), roles: ['NURSE'] })
        .expect(201);
    });
  });

  describe('PHI never cached (7.10)', () => {
    it('sends Cache-Control: no-store on patient data, on errors and on every other API answer', async () => {
      const { SCHEDULER } = await ctx.users();
      const patient = await ctx.newPatient();
      const answers = [
        await request(a).get(`/api/patients/${patient.id}`).set('Cookie', SCHEDULER.cookie).expect(200),
        await request(b).get(`/api/patients?q=${patient.familyName}`).set('Cookie', SCHEDULER.cookie).expect(200),
        await request(a).get(`/api/patients/${patient.id}`).expect(401),
        await request(b).get('/api/no-such-route').set('Cookie', SCHEDULER.cookie).expect(404),
        await request(a).get('/api/health'),
      ];
      for (const res of answers) expect(res.headers['cache-control']).toBe('no-store');
    });
  });
});
