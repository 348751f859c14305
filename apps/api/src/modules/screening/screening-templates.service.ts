import { Injectable } from '@nestjs/common';
import { validateTemplateDefinition } from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { DomainError } from '../../common/errors/domain-error';
import { auditEntry } from '../audit/audit-entry';
import type { PublishTemplateDto, TemplateDto, TemplateListDto } from './dto/screening.dto';
import { ScreeningRepository, type TemplateRecord } from './screening.repository';

/** Checklists as versioned data: the latest of each key for new screenings; admins publish new versions. */
@Injectable()
export class ScreeningTemplatesService {
  constructor(private readonly screenings: ScreeningRepository) {}

  async list(allVersions: boolean): Promise<TemplateListDto> {
    return { items: (await this.screenings.templates(allVersions)).map(toDto) };
  }

  /** Publishes version max+1 of the key; a published version is never changed. */
  async publish(actor: Actor, meta: RequestMeta, dto: PublishTemplateDto): Promise<TemplateDto> {
    const problems = validateTemplateDefinition(dto.definition, dto.kind);
    if (problems.length > 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        'The checklist definition is not valid.',
        problems.slice(0, 50).map((p) => ({
          field: p.path === 'definition' ? 'definition' : `definition.${p.path}`,
          rule: 'templateDefinition',
          message: `${p.path} ${p.message}`,
        })),
      );
    }
    const items = (dto.definition as { items: unknown[] }).items;
    const result = await this.screenings.publishTemplate(
      {
        key: dto.key,
        kind: dto.kind,
        title: dto.title,
        definition: (version) => ({ key: dto.key, kind: dto.kind, version, title: dto.title, items }),
        publishedById: actor.id,
      },
      (id) =>
        auditEntry(actor, meta, {
          action: 'CREATE',
          entity: 'ScreeningTemplate',
          entityId: id,
          fields: ['definition', 'key', 'kind', 'title'],
        }),
    );
    if (result.ok) return toDto(result.value);
    if (result.reason === 'KIND_MISMATCH') {
      throw new DomainError('VALIDATION_FAILED', `Checklist ${dto.key} is a ${result.kind} checklist.`, [
        { field: 'kind', rule: 'sameKind', message: `kind must stay ${result.kind} for key ${dto.key}` },
      ]);
    }
    throw new DomainError(
      'STALE_VERSION',
      `Another version of ${dto.key} was published at the same moment; reload and publish again.`,
    );
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
