import { Inject, Injectable } from '@nestjs/common';
import { protocolProblems } from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import type { ProtocolDto, ProtocolListDto, PublishProtocolDto } from './dto/protocol.dto';
import { protocolsErrors } from './protocols.errors';
import { ProtocolRecord, ProtocolsRepository } from './protocols.repository';

const HEADER_FIELDS = ['key', 'name', 'route', 'setting'] as const;

/** Each clinic's protocol catalogue: its staff read it, its admins publish new versions of it. */
@Injectable()
export class ProtocolsService {
  constructor(
    private readonly protocols: ProtocolsRepository,
    private readonly audit: AuditRepository,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  async list(actor: Actor): Promise<ProtocolListDto> {
    return { items: (await this.protocols.latestActive(actor.clinicId)).map(toProtocolDto) };
  }

  /** One published version of the actor's clinic, current or superseded. */
  async get(actor: Actor, id: string): Promise<ProtocolDto> {
    const row = await this.protocols.find(actor.clinicId, id);
    if (!row) throw protocolsErrors.notFound();
    return toProtocolDto(row);
  }

  /**
   * Publishes the next version of the key in the admin's own clinic, with its audit row. Published
   * versions never change (a database trigger refuses it), so courses keep the exact rules they
   * were booked under; the record is checked by the domain's protocol validator before it is
   * stored. The key's lock makes two admins publishing at once take consecutive versions.
   */
  async publish(actor: Actor, meta: RequestMeta, dto: PublishProtocolDto): Promise<ProtocolDto> {
    const { version: _ignored, ...rest } = dto.definition;
    const mismatched = HEADER_FIELDS.filter((field) => field in rest && rest[field] !== dto[field]);
    if (mismatched.length > 0) throw protocolsErrors.definitionDisagrees(mismatched);
    const record = (version: number) => ({
      ...rest,
      key: dto.key,
      version,
      name: dto.name,
      route: dto.route,
      setting: dto.setting,
    });
    const problems = protocolProblems(record(1));
    if (problems.length > 0) throw protocolsErrors.invalidDefinition(problems);

    return this.transactions.withTransaction(async () => {
      await this.protocols.lockKey(actor.clinicId, dto.key);
      const version = (await this.protocols.latestVersion(actor.clinicId, dto.key)) + 1;
      const created = await this.protocols.create({
        clinicId: actor.clinicId,
        key: dto.key,
        version,
        name: dto.name,
        route: dto.route,
        setting: dto.setting,
        definition: record(version),
        publishedById: actor.id,
      });
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'PUBLISH',
          entity: 'Protocol',
          entityId: created.id,
          fields: ['definition', 'key', 'name', 'route', 'setting'],
        }),
      );
      return toProtocolDto(created);
    });
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
