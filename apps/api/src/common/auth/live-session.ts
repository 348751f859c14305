import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import type { FastifyInstance } from 'fastify';
import type { Role } from '@cadence/domain';
import { plainProblem } from '../errors/problem.filter';
import type { AuthenticatedRequest } from './current-user';

export const CHECKED_BY_STATEMENT_KEY = 'cadence:session-checked-by-statement';

/**
 * On the hottest reads (patient record and search) the session check rides in the read's own
 * statement: one round trip instead of two. The guard still verifies the token and the roles it
 * knows from an earlier full check of this session; the statement returns and audits nothing
 * unless the session is live, its user active and still holding an allowed role. A route marked
 * so must pass the check to its statement (`liveSessionCondition`): a reply whose check was never
 * performed is replaced by an error (see `refuseUncheckedReplies`).
 */
export const SessionCheckedByStatement = () => SetMetadata(CHECKED_BY_STATEMENT_KEY, true);

/** The check a marked route's statement owes the request. */
export interface LiveSessionCheck {
  userId: string;
  sessionId: string;
  clinicId: string;
  allowedRoles: Role[];
  /** Set once a statement has included the condition. */
  performed: boolean;
}

export const CurrentSessionCheck = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): LiveSessionCheck | undefined =>
    ctx.switchToHttp().getRequest<AuthenticatedRequest>().sessionCheck,
);

/** `EXISTS (…)`: the session is live, its user active, of the clinic and holding an allowed role. */
export function liveSessionCondition(check: LiveSessionCheck): Prisma.Sql {
  check.performed = true;
  return Prisma.sql`EXISTS (
    SELECT 1 FROM "Session" s JOIN "User" u ON u.id = s."userId"
    WHERE s.id = ${check.sessionId}::uuid AND s."userId" = ${check.userId}::uuid AND s."revokedAt" IS NULL
      AND s."expiresAt" > now() AND u.active AND u."clinicId" = ${check.clinicId}::uuid
      AND u.roles && ${check.allowedRoles}::"Role"[])`;
}

/**
 * The safety net of a marked route: a successful reply whose session check no statement performed
 * (a route marked but not wired) is replaced by an error, so the mark can never skip the check.
 */
export function refuseUncheckedReplies(fastify: FastifyInstance) {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const check = (request as AuthenticatedRequest).sessionCheck;
    if (!check || check.performed || reply.statusCode >= 400) return done(null, payload);
    void reply.status(500).type('application/problem+json');
    done(
      null,
      JSON.stringify(
        plainProblem(500, 'The session was not checked, so nothing is returned.', request.url, String(request.id)),
      ),
    );
  });
}
