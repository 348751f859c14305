import type { FastifyInstance } from 'fastify';
import { plainProblem } from '../errors/problem.filter';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The session cookies (see common/auth/tokens.ts); a request carrying neither is not cookie-authenticated. */
const SESSION_COOKIE = /(?:^|;\s*)cadence_(?:access|refresh)=/;

/**
 * Cookie-authenticated writes must come from the app's own origin. A browser names the page that
 * sent a write in `Origin` and says whether it was same-origin in `Sec-Fetch-Site`; each one that is
 * present must agree. A request with neither comes from no modern browser (they send at least one
 * on every cross-origin write), so it is a script holding its own cookies and cannot be a forgery —
 * the rule Go's net/http CrossOriginProtection applies. Bearer-token callers carry no ambient
 * credential and are not checked.
 */
export function requireSameOriginForCookieWrites(fastify: FastifyInstance, publicOrigins: readonly string[]) {
  fastify.addHook('onRequest', async (request, reply) => {
    if (!WRITE_METHODS.has(request.method) || !request.url.startsWith('/api/')) return;
    if (!SESSION_COOKIE.test(request.headers.cookie ?? '')) return;
    const origin = request.headers.origin;
    const site = request.headers['sec-fetch-site'];
    const originOk = origin === undefined || publicOrigins.includes(origin);
    const siteOk = site === undefined || site === 'same-origin' || site === 'none';
    if (originOk && siteOk) return;
    return reply
      .status(403)
      .type('application/problem+json')
      .send({
        ...plainProblem(403, 'Cross-site requests may not change anything.', request.url, String(request.id)),
        errors: [
          originOk
            ? { field: 'sec-fetch-site', rule: 'sameOrigin', message: 'the request must come from the same origin' }
            : { field: 'origin', rule: 'sameOrigin', message: "origin must be the app's own origin" },
        ],
      });
  });
}
