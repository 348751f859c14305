import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Structured JSON request logs that carry no patient data: the path without its query string
 * (a search query is a name), no bodies, no cookies or authorization headers.
 */
export function loggerParams(level: string, stream?: DestinationStream): Params {
  return {
    // Named wildcard: path-to-regexp 8 no longer accepts a bare `*`.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level,
      // Where the log lines go: stdout unless a test captures them.
      ...(stream ? { stream } : {}),
      genReqId: (req: IncomingMessage) => requestIdOf(req),
      customProps: (req: IncomingMessage & { actor?: { id: string } }) => ({
        ...(req.actor ? { actorId: req.actor.id } : {}),
        ...clientRequestIdOf(req),
      }),
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: loggablePath(req.url),
        }),
        res: (res: ServerResponse & { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      redact: { paths: ['req.headers', 'res.headers'], remove: true },
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
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
