import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiCookieAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from '@cadence/domain';

export const ROLES_KEY = 'cadence:roles';
export const PUBLIC_KEY = 'cadence:public';

/** The roles allowed on a route. A route with neither this nor @Public() is refused to everyone. */
export const Roles = (...roles: [Role, ...Role[]]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiCookieAuth('session'),
    ApiUnauthorizedResponse({ description: 'Not signed in' }),
    ApiForbiddenResponse({ description: `Allowed roles: ${roles.join(', ')}` }),
  );

/** Open to anyone, signed in or not (login, health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Open to every signed-in user whatever their role (their own session). */
export const AnyRole = () => Roles('SCHEDULER', 'NURSE', 'CLINICIAN', 'ADMIN');
