import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../common/prisma/prisma.service';
import { AuditEntry, insertAudit } from '../audit/audit-entry';

const sessionUser = { id: true, clinicId: true, email: true, displayName: true, roles: true, active: true } as const;

@Injectable()
export class AuthRepository {
  constructor(private readonly prisma: PrismaService) {}

  findUserByEmail(email: string) {
    return this.prisma.user.findUnique({ where: { email }, select: { ...sessionUser, passwordHash: true } });
  }

  findUser(id: string) {
    return this.prisma.user.findUnique({ where: { id }, select: sessionUser });
  }

  /** Failed logins since `since`, by email and by address: throttling holds across API instances. */
  async recentFailures(email: string, ip: string, since: Date) {
    const [byEmail, byIp] = await Promise.all([
      this.prisma.loginAttempt.count({ where: { email, succeeded: false, at: { gte: since } } }),
      this.prisma.loginAttempt.count({ where: { ip, succeeded: false, at: { gte: since } } }),
    ]);
    return { byEmail, byIp };
  }

  oldestFailureSince(email: string, since: Date) {
    return this.prisma.loginAttempt.findFirst({
      where: { email, succeeded: false, at: { gte: since } },
      orderBy: { at: 'asc' },
      select: { at: true },
    });
  }

  recordFailure(email: string, ip: string) {
    return this.prisma.loginAttempt.create({ data: { email, ip, succeeded: false } });
  }

  /** A successful login: the attempt, the new session and the audit row commit together. */
  startSession(
    userId: string,
    email: string,
    ip: string,
    refreshTokenHash: string,
    expiresAt: Date,
    audit: AuditEntry,
  ) {
    return this.prisma.$transaction(async (tx) => {
      await tx.loginAttempt.create({ data: { email, ip, succeeded: true } });
      await insertAudit(tx, audit);
      return tx.session.create({ data: { userId, refreshTokenHash, expiresAt }, select: { id: true } });
    });
  }

  findLiveSession(refreshTokenHash: string, now: Date) {
    return this.prisma.session.findFirst({
      where: { refreshTokenHash, revokedAt: null, expiresAt: { gt: now } },
      select: { id: true, user: { select: sessionUser } },
    });
  }

  /** Rotates the refresh token; false when another request rotated or revoked it first. */
  async rotate(sessionId: string, oldHash: string, newHash: string) {
    const { count } = await this.prisma.session.updateMany({
      where: { id: sessionId, refreshTokenHash: oldHash, revokedAt: null },
      data: { refreshTokenHash: newHash },
    });
    return count === 1;
  }

  async revoke(refreshTokenHash: string, audit: (userId: string) => AuditEntry) {
    await this.prisma.$transaction(async (tx) => {
      const session = await tx.session.findUnique({
        where: { refreshTokenHash },
        select: { id: true, userId: true, revokedAt: true },
      });
      if (!session || session.revokedAt) return;
      await tx.session.update({ where: { id: session.id }, data: { revokedAt: new Date() } });
      await insertAudit(tx, audit(session.userId));
    });
  }
}
