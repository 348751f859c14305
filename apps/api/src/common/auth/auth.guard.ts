import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@cadence/domain';
import { DomainError } from '../errors/domain-error';
import type { Actor, AuthenticatedRequest } from './current-user';
import { CHECKED_BY_STATEMENT_KEY } from './live-session';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import { SessionsRepository } from './sessions.repository';
import { accessTokenOf, TokenService } from './tokens';

/**
 * Deny by default: a route must be @Public() or name its roles with @Roles(). The access token
 * comes from the httpOnly cookie (the admin app) or an `Authorization: Bearer` header (scripts),
 * and counts only while its session is live and its user active, checked on every request: here,
 * or, on a route marked @SessionCheckedByStatement(), by the route's own statement.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly sessions: SessionsRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = accessTokenOf(request);
    const claims = token ? this.tokens.verifyAccess(token) : undefined;
    if (!claims) throw unauthenticated();

    // Who this session belongs to is known from an earlier full check; whether it is still live
    // (and the role still held) is left to the statement, which returns nothing otherwise.
    const known =
      allowed && this.reflector.get<boolean>(CHECKED_BY_STATEMENT_KEY, context.getHandler())
        ? this.sessions.knownActor(claims.sessionId, claims.userId)
        : undefined;
    if (known && allowed && permits(known, allowed)) {
      request.actor = known;
      request.sessionCheck = { ...claims, clinicId: known.clinicId, allowedRoles: allowed, performed: false };
      return true;
    }

    const actor = await this.sessions.liveActor(claims.userId, claims.sessionId);
    if (!actor) throw unauthenticated();
    if (!allowed || !permits(actor, allowed)) throw forbidden();
    request.actor = actor;
    return true;
  }
}

export const permits = (actor: Actor, allowed: readonly Role[]) => actor.roles.some((role) => allowed.includes(role));
export const unauthenticated = () => new DomainError('UNAUTHENTICATED', 'Sign in to continue.');
export const forbidden = () => new DomainError('FORBIDDEN', 'Your role does not allow this.');
