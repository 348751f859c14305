import { Injectable } from '@nestjs/common';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { DomainError } from '../../common/errors/domain-error';
import { auditEntry } from '../audit/audit-entry';
import { hashPassword } from '../auth/password';
import type { CreateUserDto, UserDto } from './dto/user.dto';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  async list(actor: Actor): Promise<UserDto[]> {
    return (await this.users.list(actor.clinicId)).map(toDto);
  }

  async create(actor: Actor, meta: RequestMeta, dto: CreateUserDto): Promise<UserDto> {
    const created = await this.users.create(
      {
        clinicId: actor.clinicId,
        email: dto.email.trim().toLowerCase(),
        displayName: dto.displayName.trim(),
        passwordHash: await hashPassword(dto.password),
        roles: dto.roles,
      },
      (id) =>
        auditEntry(actor, meta, {
          action: 'CREATE',
          entity: 'User',
          entityId: id,
          fields: ['email', 'displayName', 'roles'],
        }),
    );
    if (!created) {
      throw new DomainError('EMAIL_TAKEN', 'An account with this email exists.', [
        { field: 'email', rule: 'unique', message: 'email is already in use' },
      ]);
    }
    return toDto(created);
  }

  async deactivate(actor: Actor, meta: RequestMeta, id: string): Promise<UserDto> {
    if (id === actor.id) {
      throw new DomainError('VALIDATION_FAILED', 'You cannot deactivate your own account.', [
        { field: 'id', rule: 'notSelf', message: 'an admin cannot deactivate their own account' },
      ]);
    }
    const user = await this.users.deactivate(
      actor.clinicId,
      id,
      auditEntry(actor, meta, { action: 'DEACTIVATE', entity: 'User', entityId: id, fields: ['active'] }),
    );
    if (!user) throw new DomainError('NOT_FOUND', 'No such user in this clinic.');
    return toDto(user);
  }
}

function toDto(user: Omit<UserDto, 'createdAt'> & { createdAt: Date }): UserDto {
  return { ...user, createdAt: user.createdAt.toISOString() };
}
