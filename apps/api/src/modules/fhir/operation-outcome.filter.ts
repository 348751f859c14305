import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problemOf } from '../../common/errors/problem.filter';
import { summarizeError } from '../../common/errors/error-log';
import { FHIR_JSON, operationOutcomeOf } from './operation-outcome';

/** Where FHIR's routes live; errors there answer an OperationOutcome, elsewhere problem+json. */
export const FHIR_BASE = '/fhir/R4';

export const isFhirUrl = (url: string) => url === FHIR_BASE || /^\/fhir\/R4[/?]/.test(url);

/**
 * Answers an error on a FHIR route as an OperationOutcome (application/fhir+json) with the same
 * status the rest of the API would give it: the problem+json filter's mapping, said in FHIR.
 */
@Catch()
export class OperationOutcomeFilter implements ExceptionFilter {
  private readonly logger = new Logger('OperationOutcomeFilter');

  catch(exception: unknown, host: ArgumentsHost) {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = problemOf(exception, request);
    if (problem.status >= 500) {
      this.logger.error({ error: summarizeError(exception), correlationId: problem.correlationId }, 'Unhandled error');
    }
    if (typeof problem.retryAfterSeconds === 'number')
      void reply.header('retry-after', String(problem.retryAfterSeconds));
    void reply.status(problem.status).header('content-type', FHIR_JSON).send(operationOutcomeOf(problem));
  }
}
