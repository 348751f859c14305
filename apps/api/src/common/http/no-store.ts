import type { FastifyInstance } from 'fastify';

/**
 * No API response may be kept by a browser or a shared cache: most carry patient data, and a
 * route-by-route list would miss the next one. Every reply under /api and /fhir, errors included, says so.
 */
export function forbidCachingOfApiResponses(fastify: FastifyInstance) {
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (/^\/(api|fhir)([/?]|$)/.test(request.url)) {
      void reply.header('cache-control', 'no-store');
    }
    return payload;
  });
}
