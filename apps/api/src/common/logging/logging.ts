import type { Params } from 'nestjs-pino';
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The one pino logger, behind Nest's logger and the request log. Structured JSON that carries no
 * patient data: request lines name the path without its query string (a search query is a name),
 * never bodies, cookies or headers.
 */
export function createRootLogger(level: string, stream?: DestinationStream): PinoLogger {
  return stream ? pino({ level }, stream) : pino({ level });
}

/**
 * nestjs-pino for Nest's own logger, over the root logger. Its per-request middleware (pino-http
 * through Fastify's Express-middleware layer, a child logger and an async context per request)
 * cost about 8% of a patient read's CPU, so the request line comes from `logRequests` instead.
 */
export function loggerParams(logger: PinoLogger): Params {
  return { pinoHttp: { logger }, forRoutes: [] };
}

interface LoggedRequest {
  id: string;
  method: string;
  url: string;
  raw: IncomingMessage;
  actor?: { id: string };
}

/** One line per answered request, at info, warn for 4xx and error for 5xx. */
export function logRequests(
  fastify: { addHook(name: 'onResponse', hook: (request: never, reply: never, done: () => void) => void): unknown },
  logger: PinoLogger,
) {
  fastify.addHook('onResponse', ((
    request: LoggedRequest,
    reply: { statusCode: number; elapsedTime: number },
    done: () => void,
  ) => {
    const { level, entry } = requestLogEntry(request, reply.statusCode, reply.elapsedTime);
    if (logger.isLevelEnabled(level)) logger[level](entry, 'request completed');
    done();
  }) as never);
}

/** The request line: who (by id), what (method and masked path), and how it ended. */
export function requestLogEntry(request: LoggedRequest, statusCode: number, elapsedMs: number) {
  const level: 'info' | 'warn' | 'error' = statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'info';
  return {
    level,
    entry: {
      req: { id: request.id, method: request.method, path: loggablePath(request.url) },
      ...(request.actor ? { actorId: request.actor.id } : {}),
      ...clientRequestIdOf(request.raw),
      res: { statusCode },
      responseTime: Math.round(elapsedMs),
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The literal segments of the API's routes (`api`, `patients`, `appointments.ics`…), filled as routes register. */
const routeWords = new Set<string>();

/** Records every route's literal path segments, so that request logs can tell them from values. */
export function learnRouteWords(fastify: {
  addHook(name: 'onRoute', hook: (route: { url: string }) => void): unknown;
}) {
  fastify.addHook('onRoute', (route) => {
    for (const segment of route.url.split('/')) if (segment && !/[:*{]/.test(segment)) routeWords.add(segment);
  });
}

/**
 * The path without its query string, and with every segment that is neither a route word nor a
 * record id masked: a caller who puts an MRN or a name in a path must not put it in the log.
 */
export function loggablePath(url: string): string {
  return url
    .split('?')[0]
    .split('/')
    .map((segment) => (!segment || routeWords.has(segment) || UUID.test(segment) ? segment : ':value'))
    .join('/');
}

const REQUEST_ID = Symbol('cadence.requestId');
type WithRequestId = IncomingMessage & { [REQUEST_ID]?: string };

/**
 * The request's id, minted on the server once per request and shared by Fastify (the correlation
 * id in problem bodies and audit rows) and the request log. A caller's X-Request-Id is never used:
 * it would let a client choose what the audit trail records.
 */
export function requestIdOf(req: IncomingMessage): string {
  return ((req as WithRequestId)[REQUEST_ID] ??= randomUUID());
}

/** A caller's own X-Request-Id, logged beside ours (never instead) when it looks like an id. */
export function clientRequestIdOf(req: IncomingMessage): { clientRequestId?: string } {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? { clientRequestId: given } : {};
}
