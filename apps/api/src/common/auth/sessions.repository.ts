import { Injectable } from '@nestjs/common';
import { ROLES, type Role } from '@cadence/domain';
import { PrismaService } from '../prisma/prisma.service';
import type { Actor } from './current-user';

/**
 * The per-request session check: one primary-key lookup joined to the user, straight on the pool
 * (no ORM mapping, no transaction), so a logout or deactivation on any instance holds on the next
 * request everywhere. Nothing is cached in the process: a cache would outlive a revocation.
 */
@Injectable()
export class SessionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async liveActor(userId: string, sessionId: string): Promise<Actor | undefined> {
    // A named statement: each pooled connection parses and plans it once, then only binds.
    const { rows } = await this.prisma.pool.query<{ id: string; clinicId: string; email: string; roles: string[] }>({
      name: 'cadence-live-session',
      text: LIVE_SESSION,
      values: [sessionId, userId],
    });
    const row = rows[0];
    if (!row || !row.roles.every(isRole)) return undefined;
    return { id: row.id, clinicId: row.clinicId, email: row.email, roles: row.roles };
  }
}

const LIVE_SESSION = `
  SELECT u.id, u."clinicId", u.email, u.roles::text[] AS roles
  FROM "Session" s JOIN "User" u ON u.id = s."userId"
  WHERE s.id = $1::uuid AND s."userId" = $2::uuid AND s."revokedAt" IS NULL AND s."expiresAt" > now() AND u.active`;

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
