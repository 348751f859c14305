import type { FastifyInstance } from 'fastify';

/** Every answer names the server's id for its request, the one audit rows and logs carry, to quote in a report. */
export function announceRequestId(fastify: FastifyInstance) {
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', String(request.id));
  });
}
