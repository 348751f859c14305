import Fastify from 'fastify';
import type { AuthenticatedRequest } from './current-user';
import { liveSessionCondition, refuseUncheckedReplies, type LiveSessionCheck } from './live-session';

const check = (): LiveSessionCheck => ({
  userId: '00000000-0000-4000-8000-000000000001',
  sessionId: '00000000-0000-4000-8000-000000000002',
  clinicId: '00000000-0000-4000-8000-000000000003',
  allowedRoles: ['NURSE'],
  performed: false,
});

describe('a session checked by the statement', () => {
  async function serve(route: (request: AuthenticatedRequest) => unknown, status = 200) {
    const app = Fastify();
    refuseUncheckedReplies(app);
    app.get('/api/thing', async (request, reply) => {
      const body = route(request as AuthenticatedRequest);
      return reply.status(status).send(body);
    });
    return app.inject({ method: 'GET', url: '/api/thing' });
  }

  it('replaces a successful reply whose check no statement performed', async () => {
    const res = await serve((request) => {
      request.sessionCheck = check();
      return { mrn: 'MRN-1' };
    });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('MRN-1');
  });

  it('lets the reply through once the statement included the condition', async () => {
    const res = await serve((request) => {
      request.sessionCheck = check();
      liveSessionCondition(request.sessionCheck);
      return { mrn: 'MRN-1' };
    });
    expect(res.statusCode).toBe(200);
  });

  it('leaves error replies and routes checked by the guard alone', async () => {
    expect((await serve(() => ({ ok: true }))).statusCode).toBe(200);
    const refused = await serve((request) => {
      request.sessionCheck = check();
      return { code: 'VALIDATION_FAILED' };
    }, 400);
    expect(refused.statusCode).toBe(400);
  });

  it('names the session, the user, the clinic and the allowed roles in its condition', () => {
    const c = check();
    const sql = liveSessionCondition(c);
    expect(c.performed).toBe(true);
    expect(sql.values).toEqual([c.sessionId, c.userId, c.clinicId, ['NURSE']]);
    expect(sql.text).toMatch(/"revokedAt" IS NULL/);
    expect(sql.text).toMatch(/u\.active/);
  });
});
