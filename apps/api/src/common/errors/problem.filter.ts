import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, FieldError, httpStatusOf } from './domain-error';
import { summarizeError } from './error-log';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance: string;
  correlationId: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** A filter that answers errors under a path prefix in its own format (FHIR's OperationOutcome). */
export interface RoutedFilter {
  matches(url: string): boolean;
  filter: ExceptionFilter;
}

/**
 * Answers every error as application/problem+json (RFC 9457) carrying the request's correlation id,
 * except on routes a `routed` filter claims, which say the same status in their own format.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(private readonly routed: RoutedFilter[] = []) {}

  catch(exception: unknown, host: ArgumentsHost) {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const other = this.routed.find((r) => r.matches(request.url));
    if (other) return other.filter.catch(exception, host);
    const reply = http.getResponse<FastifyReply>();
    const problem = problemOf(exception, request);
    if (problem.status >= 500) {
      // Names and codes only: error messages (Prisma's above all) quote the request's patient data.
      this.logger.error({ error: summarizeError(exception), correlationId: problem.correlationId }, 'Unhandled error');
    }
    // A refusal that says when to come back (a throttled sign-in) says it in the standard header too.
    if (typeof problem.retryAfterSeconds === 'number')
      void reply.header('retry-after', String(problem.retryAfterSeconds));
    void reply.status(problem.status).header('content-type', 'application/problem+json').send(problem);
  }
}

/** The problem an error stands for: status, code, detail and field errors. */
export function problemOf(exception: unknown, request: FastifyRequest): Problem {
  const base = { instance: request.url.split('?')[0], correlationId: String(request.id) };
  if (exception instanceof DomainError) {
    const status = httpStatusOf(exception.code);
    return {
      ...exception.extensions,
      type: `https://cadence.dev/problems/${exception.code.toLowerCase().replace(/_/g, '-')}`,
      title: titleOf(status),
      status,
      detail: exception.message,
      code: exception.code,
      ...(exception.errors.length ? { errors: exception.errors } : {}),
      ...base,
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const detail =
      typeof response === 'string'
        ? response
        : String((response as { message?: unknown }).message ?? exception.message);
    return { type: 'about:blank', title: titleOf(status), status, detail, code: codeOf(status), ...base };
  }
  // Fastify's own errors (malformed JSON, body too large, wrong content type) carry a 4xx statusCode.
  const statusCode = (exception as { statusCode?: number } | null)?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    const detail = (exception as Error).message;
    return {
      type: 'about:blank',
      title: titleOf(statusCode),
      status: statusCode,
      detail,
      code: codeOf(statusCode),
      ...base,
    };
  }
  return {
    type: 'about:blank',
    title: titleOf(500),
    status: 500,
    detail: 'An unexpected error occurred; quote the correlation id when reporting it.',
    code: 'INTERNAL',
    ...base,
  };
}

/** A problem body for errors answered outside Nest (router limits, unknown paths). */
export function plainProblem(status: number, detail: string, url: string, correlationId: string): Problem {
  return {
    type: 'about:blank',
    title: titleOf(status),
    status,
    detail,
    code: codeOf(status),
    instance: url.split('?')[0],
    correlationId,
  };
}

function titleOf(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  return name
    ? name
        .toLowerCase()
        .replace(/_/g, ' ')
        .replace(/^./, (c) => c.toUpperCase())
    : 'Error';
}

function codeOf(status: number): string {
  return (HttpStatus[status] as string | undefined) ?? 'ERROR';
}
