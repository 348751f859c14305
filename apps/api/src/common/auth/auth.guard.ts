import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@cadence/domain';
import { DomainError } from '../errors/domain-error';
import type { AuthenticatedRequest } from './current-user';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import { SessionsRepository } from './sessions.repository';
import { accessTokenOf, TokenService } from './tokens';

/**
 * Deny by default: a route must be @Public() or name its roles with @Roles(). The access token
 * comes from the httpOnly cookie (the admin app) or an `Authorization: Bearer` header (scripts),
 * and counts only while its session is live and its user active, checked on every request.
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
    const actor = claims ? await this.sessions.liveActor(claims.userId, claims.sessionId) : undefined;
    if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue.');
    if (!allowed || !actor.roles.some((role) => allowed.includes(role))) {
      throw new DomainError('FORBIDDEN', 'Your role does not allow this.');
    }
    request.actor = actor;
    return true;
  }
}
