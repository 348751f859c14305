import type { FastifyInstance } from 'fastify';
import { FHIR_JSON, operationOutcomeOf } from '../../modules/fhir/operation-outcome';
import { isFhirUrl } from '../../modules/fhir/operation-outcome.filter';
import { plainProblem } from '../errors/problem.filter';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Write requests with a body must be `application/json` (on FHIR routes also `application/fhir+json`). Browsers send forms and `text/plain`
 * across origins without a preflight, so any other body is how a forged cross-site write arrives;
 * refusing it before parsing leaves such a request nothing to act on.
 */
export function acceptJsonWritesOnly(fastify: FastifyInstance) {
  fastify.addHook('onRequest', async (request, reply) => {
    if (!WRITE_METHODS.has(request.method) || !hasBody(request.headers)) return;
    const fhir = isFhirUrl(request.url);
    if (!fhir && !request.url.startsWith('/api/')) return;
    const mediaType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (mediaType === 'application/json' || (fhir && mediaType === FHIR_JSON)) return;
    if (fhir) {
      const detail = `Send the request body as ${FHIR_JSON}.`;
      const errors = [{ field: 'content-type', rule: 'json', message: `content-type must be ${FHIR_JSON}` }];
      return reply
        .status(415)
        .type(FHIR_JSON)
        .send(operationOutcomeOf({ ...plainProblem(415, detail, request.url, String(request.id)), errors }));
    }
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
