import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Role } from '@cadence/domain';
import type { FastifyRequest } from 'fastify';
import type { LiveSessionCheck } from './live-session';

/** Who is acting, as the auth guard established it from the access token. */
export interface Actor {
  id: string;
  clinicId: string;
  email: string;
  roles: Role[];
}

/** Identifies the request in audit rows: correlation id and caller address. */
export interface RequestMeta {
  requestId: string;
  ip: string;
}

/** `sessionCheck`: on a route whose statement checks the session (see live-session.ts), what it must check. */
export type AuthenticatedRequest = FastifyRequest & { actor?: Actor; sessionCheck?: LiveSessionCheck };

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});

export const CurrentRequest = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestMeta => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  return { requestId: String(request.id), ip: request.ip };
});
