import { Inject, Injectable } from '@nestjs/common';
import { validateTemplateDefinition } from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import type { PublishTemplateDto, TemplateDto, TemplateListDto } from './dto/screening.dto';
import { templatesErrors } from './screening-templates.errors';
import { ScreeningTemplatesRepository, type TemplateRecord } from './screening-templates.repository';

/**
 * Each clinic's checklists as versioned data: the latest of each key for new screenings; the
 * clinic's admins publish new versions, which no other clinic sees.
 */
@Injectable()
export class ScreeningTemplatesService {
  constructor(
    private readonly templates: ScreeningTemplatesRepository,
    private readonly audit: AuditRepository,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  async list(actor: Actor, allVersions: boolean): Promise<TemplateListDto> {
    const rows = await this.templates.list(actor.clinicId);
    const seen = new Set<string>();
    const shown = allVersions ? rows : rows.filter((row) => (seen.has(row.key) ? false : (seen.add(row.key), true)));
    return { items: shown.map(toDto) };
  }

  /** One published version of the actor's clinic, current or superseded. */
  async get(actor: Actor, id: string): Promise<TemplateDto> {
    const row = await this.templates.find(actor.clinicId, id);
    if (!row) throw templatesErrors.notFound();
    return toDto(row);
  }

  /**
   * The checklist a new screening in the clinic answers: one of the clinic's own, and the latest
   * version of its key (400 naming templateId otherwise).
   */
  async forNewScreening(clinicId: string, templateId: string): Promise<TemplateRecord> {
    const record = await this.templates.find(clinicId, templateId);
    if (!record) throw templatesErrors.unknownForScreening();
    const latest = await this.templates.latest(clinicId, record.key);
    if (latest && latest.id !== record.id) throw templatesErrors.supersededForScreening(latest);
    return record;
  }

  /**
   * Publishes version max+1 of the key in the admin's own clinic, with its audit row; a published
   * version is never changed. The key's lock makes two admins publishing at once take
   * consecutive versions.
   */
  async publish(actor: Actor, meta: RequestMeta, dto: PublishTemplateDto): Promise<TemplateDto> {
    const problems = validateTemplateDefinition(dto.definition, dto.kind);
    if (problems.length > 0) throw templatesErrors.invalidDefinition(problems);
    const items = (dto.definition as { items: unknown[] }).items;

    return this.transactions.withTransaction(async () => {
      await this.templates.lockKey(actor.clinicId, dto.key);
      const latest = await this.templates.latest(actor.clinicId, dto.key);
      if (latest && latest.kind !== dto.kind) throw templatesErrors.kindChanged(dto.key, latest.kind);
      const version = (latest?.version ?? 0) + 1;
      const created = await this.templates.create({
        clinicId: actor.clinicId,
        key: dto.key,
        kind: dto.kind,
        version,
        title: dto.title,
        definition: { key: dto.key, kind: dto.kind, version, title: dto.title, items },
        publishedById: actor.id,
      });
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'PUBLISH',
          entity: 'ScreeningTemplate',
          entityId: created.id,
          fields: ['definition', 'key', 'kind', 'title'],
        }),
      );
      return toDto(created);
    });
  }
}

function toDto(row: TemplateRecord): TemplateDto {
  return {
    id: row.id,
    key: row.key,
    kind: row.kind,
    version: row.version,
    title: row.title,
    definition: (row.definition ?? {}) as Record<string, unknown>,
    publishedAt: row.publishedAt.toISOString(),
  };
}
