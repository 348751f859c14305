import type { FastifyInstance } from 'fastify';
import { plainProblem } from '../errors/problem.filter';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Write requests with a body must be `application/json`. Browsers send forms and `text/plain`
 * across origins without a preflight, so any other body is how a forged cross-site write arrives;
 * refusing it before parsing leaves such a request nothing to act on.
 */
export function acceptJsonWritesOnly(fastify: FastifyInstance) {
  fastify.addHook('onRequest', async (request, reply) => {
    if (!WRITE_METHODS.has(request.method) || !request.url.startsWith('/api/') || !hasBody(request.headers)) return;
    const mediaType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (mediaType === 'application/json') return;
    return reply
      .status(415)
      .type('application/problem+json')
      .send({
        ...plainProblem(415, 'Send the request body as application/json.', request.url, String(request.id)),
        errors: [{ field: 'content-type', rule: 'json', message: 'content-type must be application/json' }],
      });
  });
}

function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  const length = headers['content-length'];
  return headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
