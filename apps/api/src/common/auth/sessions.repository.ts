import { Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
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
    const [row] = await this.prisma.rows<{ id: string; clinicId: string; email: string; roles: string[] }>(Prisma.sql`
      SELECT u.id, u."clinicId", u.email, u.roles::text[] AS roles
      FROM "Session" s JOIN "User" u ON u.id = s."userId"
      WHERE s.id = ${sessionId}::uuid AND s."userId" = ${userId}::uuid
        AND s."revokedAt" IS NULL AND s."expiresAt" > now() AND u.active`);
    if (!row || !row.roles.every(isRole)) return undefined;
    return { id: row.id, clinicId: row.clinicId, email: row.email, roles: row.roles };
  }
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
