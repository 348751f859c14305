import { Inject, Injectable } from '@nestjs/common';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import { hashPassword } from '../auth/password';
import type { ClinicianDto, CreateUserDto, UserDto } from './dto/user.dto';
import { usersErrors } from './users.errors';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly audit: AuditRepository,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  async list(actor: Actor): Promise<UserDto[]> {
    return (await this.users.list(actor.clinicId)).map(toDto);
  }

  clinicians(actor: Actor): Promise<ClinicianDto[]> {
    return this.users.clinicians(actor.clinicId);
  }

  async create(actor: Actor, meta: RequestMeta, dto: CreateUserDto): Promise<UserDto> {
    const passwordHash = await hashPassword(dto.password);
    return this.transactions.withTransaction(async () => {
      const created = await this.users.create({
        clinicId: actor.clinicId,
        email: dto.email.trim().toLowerCase(),
        displayName: dto.displayName.trim(),
        passwordHash,
        roles: dto.roles,
      });
      if (!created) throw usersErrors.emailTaken();
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'CREATE',
          entity: 'User',
          entityId: created.id,
          fields: ['email', 'displayName', 'roles'],
        }),
      );
      return toDto(created);
    });
  }

  /** Deactivation ends the user's sessions in the same transaction. */
  async deactivate(actor: Actor, meta: RequestMeta, id: string): Promise<UserDto> {
    if (id === actor.id) throw usersErrors.notSelf();
    return this.transactions.withTransaction(async () => {
      const user = await this.users.deactivate(actor.clinicId, id);
      if (!user) throw usersErrors.notFound();
      await this.users.endSessions(id);
      await this.audit.record(
        auditEntry(actor, meta, { action: 'DEACTIVATE', entity: 'User', entityId: id, fields: ['active'] }),
      );
      return toDto(user);
    });
  }
}

function toDto(user: Omit<UserDto, 'createdAt'> & { createdAt: Date }): UserDto {
  return { ...user, createdAt: user.createdAt.toISOString() };
}
