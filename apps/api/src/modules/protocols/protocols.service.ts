import { Injectable } from '@nestjs/common';
import { protocolProblems } from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { DomainError } from '../../common/errors/domain-error';
import { auditEntry } from '../audit/audit-entry';
import type { ProtocolDto, ProtocolListDto, PublishProtocolDto } from './dto/protocol.dto';
import { ProtocolRecord, ProtocolsRepository } from './protocols.repository';

const HEADER_FIELDS = ['key', 'name', 'route', 'setting'] as const;

@Injectable()
export class ProtocolsService {
  constructor(private readonly protocols: ProtocolsRepository) {}

  async list(): Promise<ProtocolListDto> {
    return { items: (await this.protocols.latestActive()).map(toProtocolDto) };
  }

  /**
   * Publishes a new version. Published versions never change (a database trigger refuses it), so
   * courses keep the exact rules they were booked under; the record is checked by the domain's
   * protocol validator before it is stored.
   */
  async publish(actor: Actor, meta: RequestMeta, dto: PublishProtocolDto): Promise<ProtocolDto> {
    const { version: _ignored, ...rest } = dto.definition;
    const mismatched = HEADER_FIELDS.filter((field) => field in rest && rest[field] !== dto[field]);
    if (mismatched.length > 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        'The definition disagrees with the protocol it is published as.',
        mismatched.map((field) => ({
          field: `definition.${field}`,
          rule: 'matchesProtocol',
          message: `definition.${field} must equal ${field}`,
        })),
      );
    }
    const record = (version: number) => ({
      ...rest,
      key: dto.key,
      version,
      name: dto.name,
      route: dto.route,
      setting: dto.setting,
    });
    const problems = protocolProblems(record(1));
    if (problems.length > 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        'The protocol definition is not a valid protocol.',
        problems.map((p) => ({
          field: p.path ? `definition.${p.path}` : 'definition',
          rule: 'protocol',
          message: p.message,
        })),
      );
    }
    const created = await this.protocols.publish(
      {
        key: dto.key,
        name: dto.name,
        route: dto.route,
        setting: dto.setting,
        definition: (v) => record(v),
      },
      actor.id,
      (id) =>
        auditEntry(actor, meta, {
          action: 'CREATE',
          entity: 'Protocol',
          entityId: id,
          fields: ['definition', 'key', 'name', 'route', 'setting'],
        }),
    );
    return toProtocolDto(created);
  }
}

export function toProtocolDto(row: ProtocolRecord): ProtocolDto {
  return {
    id: row.id,
    key: row.key,
    version: row.version,
    name: row.name,
    route: row.route,
    setting: row.setting,
    definition: row.definition as Record<string, unknown>,
    active: row.active,
    publishedAt: row.publishedAt.toISOString(),
  };
}
