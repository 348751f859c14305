import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@cadence/domain';
import { DomainError } from '../errors/domain-error';
import type { AuthenticatedRequest } from './current-user';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import { ACCESS_COOKIE, TokenService } from './tokens';

/**
 * Deny by default: a route must be @Public() or name its roles with @Roles(). The access token
 * comes from the httpOnly cookie (the admin app) or an `Authorization: Bearer` header (scripts).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = request.cookies?.[ACCESS_COOKIE] ?? bearer(request.headers.authorization);
    const actor = token ? this.tokens.verifyAccess(token) : undefined;
    if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue.');
    if (!allowed || !actor.roles.some((role) => allowed.includes(role))) {
      throw new DomainError('FORBIDDEN', 'Your role does not allow this.');
    }
    request.actor = actor;
    return true;
  }
}

function bearer(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}
