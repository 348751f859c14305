import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { refuseUncheckedReplies } from './common/auth/live-session';
import type { AppConfig } from './common/config/app.config';
import { plainProblem, ProblemFilter } from './common/errors/problem.filter';
import { acceptJsonWritesOnly } from './common/http/json-only';
import { forbidCachingOfApiResponses } from './common/http/no-store';
import { requireSameOriginForCookieWrites } from './common/http/origin-check';
import { announceRequestId } from './common/http/request-id-header';
import { createRootLogger, learnRouteWords, logRequests, requestIdOf } from './common/logging/logging';
import { refuseUnstorableStrings, useJsonBodyParser } from './common/validation/json-body';
import { FHIR_JSON, operationOutcomeOf } from './modules/fhir/operation-outcome';
import { FHIR_BASE, isFhirUrl, OperationOutcomeFilter } from './modules/fhir/operation-outcome.filter';
import { createValidationPipe } from './common/validation/validation';

/** Builds the configured API (used by `main`, the tests and the OpenAPI export). */
export async function createApp(config: AppConfig, options: { logs?: boolean; logStream?: DestinationStream } = {}) {
  const adapter = new FastifyAdapter({
    genReqId: requestIdOf,
    requestIdHeader: false,
    bodyLimit: 256 * 1024,
    // Forwarding headers only from the configured proxies: anyone else could name any address.
    trustProxy: config.http.trustedProxies.length > 0 ? config.http.trustedProxies : false,
    // Errors the router raises before Nest sees the request (an over-long path segment, a bad URL).
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const status = error.statusCode ?? 400;
      const problem = plainProblem(status, error.message, request.url, String(request.id));
      if (isFhirUrl(request.url)) void reply.status(status).type(FHIR_JSON).send(operationOutcomeOf(problem));
      else void reply.status(status).type('application/problem+json').send(problem);
    },
  });
  const logger = createRootLogger(config.logLevel, options.logStream);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, logger), adapter, {
    bufferLogs: true,
    logger: options.logs === false ? false : undefined,
  });
  if (options.logs !== false) app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  if (options.logs !== false) logRequests(fastify, logger);
  announceRequestId(fastify);
  acceptJsonWritesOnly(fastify);
  requireSameOriginForCookieWrites(fastify, config.http.publicOrigins);
  forbidCachingOfApiResponses(fastify);
  refuseUncheckedReplies(fastify);
  // FHIR's base is its own (/fhir/R4), outside /api.
  app.setGlobalPrefix('api', { exclude: [{ path: `${FHIR_BASE.slice(1)}/{*rest}`, method: RequestMethod.ALL }] });
  learnRouteWords(fastify);
  useJsonBodyParser(app);
  refuseUnstorableStrings(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter([{ matches: isFhirUrl, filter: new OperationOutcomeFilter() }]));

  await app.register(fastifyCookie);
  // helmet's middleware built once: @fastify/helmet builds it again for every request, parsing
  // the CSP directives each time (measured: about 4% of a patient read's CPU).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  fastify.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
  );

  const document = buildOpenApi(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });

  if (config.adminDist) serveAdmin(app, config.adminDist);
  return app;
}

export function buildOpenApi(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Cadence API')
    .setDescription(
      'Scheduling and protocol tracking for ketamine chronic-pain clinics. Every route names the roles it ' +
        'allows; errors are application/problem+json with a correlation id.',
    )
    .setVersion('0.1.0')
    .addCookieAuth('cadence_access', { type: 'apiKey', in: 'cookie' }, 'session')
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
}

/** Serves the built admin app at `/`, falling back to index.html for client-side routes. */
function serveAdmin(app: NestFastifyApplication, root: string) {
  if (!existsSync(join(root, 'index.html')))
    throw new Error(`ADMIN_DIST ${root} has no index.html; run npm run build first`);
  const fastify = app.getHttpAdapter().getInstance();
  void fastify.register(fastifyStatic, { root, prefix: '/', wildcard: false });
  // Client-side routes get the app shell; unknown API paths still get a problem+json 404.
  fastify.get('/*', (request, reply) => {
    if (request.url.startsWith('/api/') || request.url === '/api') {
      const detail = `No route GET ${request.url.split('?')[0]}`;
      return reply
        .status(404)
        .type('application/problem+json')
        .send(plainProblem(404, detail, request.url, String(request.id)));
    }
    return reply.type('text/html').sendFile('index.html');
  });
}
