import { Injectable } from '@nestjs/common';
import type { Role } from '@prisma/client';
import { PrismaService } from '../../common/prisma/prisma.service';
import { AuditEntry, insertAudit } from '../audit/audit-entry';
import { isUniqueViolation } from '../../common/prisma/pg-errors';

const userFields = { id: true, email: true, displayName: true, roles: true, active: true, createdAt: true } as const;

export interface NewUser {
  clinicId: string;
  email: string;
  displayName: string;
  passwordHash: string;
  roles: Role[];
}

@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  list(clinicId: string) {
    return this.prisma.user.findMany({
      where: { clinicId },
      select: userFields,
      orderBy: [{ active: 'desc' }, { displayName: 'asc' }],
    });
  }

  /** Creates the account with its audit row; undefined when the email is taken. */
  async create(user: NewUser, audit: (id: string) => AuditEntry) {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const created = await tx.user.create({ data: user, select: userFields });
        await insertAudit(tx, audit(created.id));
        return created;
      });
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  /** Deactivates a clinic's user and ends all their sessions; undefined when not in the clinic. */
  deactivate(clinicId: string, id: string, audit: AuditEntry) {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.user.updateMany({
        where: { id, clinicId },
        data: { active: false, deactivatedAt: new Date() },
      });
      if (count === 0) return undefined;
      await tx.session.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
      await insertAudit(tx, audit);
      return tx.user.findUniqueOrThrow({ where: { id }, select: userFields });
    });
  }
}
