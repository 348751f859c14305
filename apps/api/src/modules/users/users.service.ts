import { Inject, Injectable } from '@nestjs/common';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import { hashPassword } from '../auth/password';
import type { ClinicianDto, CreateUserDto, ResetPasswordDto, UpdateUserDto, UserDto } from './dto/user.dto';
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

  /** Renames an account or replaces its roles; roles are read on every request, so they apply at once. */
  async update(actor: Actor, meta: RequestMeta, id: string, dto: UpdateUserDto): Promise<UserDto> {
    if (id === actor.id && dto.roles && !dto.roles.includes('ADMIN')) throw usersErrors.ownAdminRole();
    return this.transactions.withTransaction(async () => {
      const user = await this.users.find(actor.clinicId, id);
      if (!user) throw usersErrors.notFound();
      const changes: { displayName?: string; roles?: UserDto['roles'] } = {};
      const displayName = dto.displayName?.trim();
      if (displayName !== undefined && displayName !== user.displayName) changes.displayName = displayName;
      if (dto.roles && !sameRoles(dto.roles, user.roles)) changes.roles = dto.roles;
      const fields = Object.keys(changes).sort();
      if (fields.length === 0) throw usersErrors.nothingToChange();
      const updated = await this.users.update(actor.clinicId, id, changes);
      if (!updated) throw usersErrors.notFound();
      await this.audit.record(auditEntry(actor, meta, { action: 'UPDATE', entity: 'User', entityId: id, fields }));
      return toDto(updated);
    });
  }

  /** Sets a new password chosen by the admin and ends the account's sessions, as a lost password needs. */
  async resetPassword(actor: Actor, meta: RequestMeta, id: string, dto: ResetPasswordDto): Promise<UserDto> {
    const passwordHash = await hashPassword(dto.password);
    return this.transactions.withTransaction(async () => {
      const user = await this.users.update(actor.clinicId, id, { passwordHash });
      if (!user) throw usersErrors.notFound();
      await this.users.endSessions(id);
      await this.audit.record(
        auditEntry(actor, meta, { action: 'UPDATE', entity: 'User', entityId: id, fields: ['password'] }),
      );
      return toDto(user);
    });
  }

  /** Lets a deactivated account sign in again, with the roles and password it had. */
  async reactivate(actor: Actor, meta: RequestMeta, id: string): Promise<UserDto> {
    return this.transactions.withTransaction(async () => {
      const user = await this.users.update(actor.clinicId, id, { active: true });
      if (!user) throw usersErrors.notFound();
      await this.audit.record(
        auditEntry(actor, meta, { action: 'UPDATE', entity: 'User', entityId: id, fields: ['active'] }),
      );
      return toDto(user);
    });
  }
}

const sameRoles = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((role) => b.includes(role));

function toDto(user: Omit<UserDto, 'createdAt'> & { createdAt: Date }): UserDto {
  return { ...user, createdAt: user.createdAt.toISOString() };
}
