import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '@prisma/client';
import { isUniqueViolation } from '../../common/prisma/pg-errors';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';

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
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  list(clinicId: string) {
    return this.db.user.findMany({
      where: { clinicId },
      select: userFields,
      orderBy: [{ active: 'desc' }, { displayName: 'asc' }],
    });
  }

  /** The clinic's active clinicians, who may supervise a session (names only: no contact details). */
  clinicians(clinicId: string) {
    return this.db.user.findMany({
      where: { clinicId, active: true, roles: { has: 'CLINICIAN' } },
      select: { id: true, displayName: true },
      orderBy: { displayName: 'asc' },
    });
  }

  /** Creates the account; undefined when the email is taken. */
  async create(user: NewUser) {
    try {
      return await this.db.user.create({ data: user, select: userFields });
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  /** Deactivates a clinic's user; undefined when not in the clinic. */
  async deactivate(clinicId: string, id: string) {
    const { count } = await this.db.user.updateMany({
      where: { id, clinicId },
      data: { active: false, deactivatedAt: new Date() },
    });
    if (count === 0) return undefined;
    return this.db.user.findUniqueOrThrow({ where: { id }, select: userFields });
  }

  /** One of the clinic's users; undefined when not in the clinic. */
  async find(clinicId: string, id: string) {
    return (await this.db.user.findFirst({ where: { id, clinicId }, select: userFields })) ?? undefined;
  }

  /** Changes a clinic's user (name, roles, active, password); undefined when not in the clinic. */
  async update(
    clinicId: string,
    id: string,
    data: { displayName?: string; roles?: Role[]; active?: true; passwordHash?: string },
  ) {
    const { count } = await this.db.user.updateMany({
      where: { id, clinicId },
      data: data.active ? { ...data, deactivatedAt: null } : data,
    });
    if (count === 0) return undefined;
    return this.db.user.findUniqueOrThrow({ where: { id }, select: userFields });
  }

  /** Ends every live session of the user. */
  async endSessions(userId: string) {
    await this.db.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  }
}
