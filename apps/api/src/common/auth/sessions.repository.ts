import { Injectable } from '@nestjs/common';
import { ROLES, type Role } from '@cadence/domain';
import { PrismaService } from '../prisma/prisma.service';
import type { Actor } from './current-user';

/** Sessions whose owner this process has seen, newest last; a session's owner never changes. */
const KNOWN_SESSIONS_MAX = 10_000;

/**
 * The per-request session check: one primary-key lookup joined to the user, straight on the pool
 * (no ORM mapping, no transaction), so a logout or deactivation on any instance holds on the next
 * request everywhere. Liveness is never cached: only who a session belongs to (`knownActor`), for
 * the routes whose own statement checks liveness.
 */
@Injectable()
export class SessionsRepository {
  private readonly known = new Map<string, Actor>();

  constructor(private readonly prisma: PrismaService) {}

  async liveActor(userId: string, sessionId: string): Promise<Actor | undefined> {
    // A named statement: each pooled connection parses and plans it once, then only binds.
    const { rows } = await this.prisma.pool.query<{ id: string; clinicId: string; email: string; roles: string[] }>({
      name: 'cadence-live-session',
      text: LIVE_SESSION,
      values: [sessionId, userId],
    });
    const row = rows[0];
    if (!row || !row.roles.every(isRole)) {
      this.known.delete(sessionId);
      return undefined;
    }
    const actor: Actor = { id: row.id, clinicId: row.clinicId, email: row.email, roles: row.roles };
    this.remember(sessionId, actor);
    return actor;
  }

  /** The owner of a session last found live here, with the roles it had then; not proof that it is live now. */
  knownActor(sessionId: string, userId: string): Actor | undefined {
    const actor = this.known.get(sessionId);
    return actor?.id === userId ? actor : undefined;
  }

  private remember(sessionId: string, actor: Actor) {
    this.known.delete(sessionId);
    this.known.set(sessionId, actor);
    if (this.known.size > KNOWN_SESSIONS_MAX) this.known.delete(this.known.keys().next().value!);
  }
}

const LIVE_SESSION = `
  SELECT u.id, u."clinicId", u.email, u.roles::text[] AS roles
  FROM "Session" s JOIN "User" u ON u.id = s."userId"
  WHERE s.id = $1::uuid AND s."userId" = $2::uuid AND s."revokedAt" IS NULL AND s."expiresAt" > now() AND u.active`;

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
