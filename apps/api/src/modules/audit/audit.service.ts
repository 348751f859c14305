import { auditFieldLabel, describeAuditAction } from '@cadence/domain';
import { Injectable } from '@nestjs/common';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { patientsErrors } from '../patients/patients.errors';
import { auditEntry } from './audit-entry';
import { ACCESS_COLUMNS, accessRow, csvStream, EVENT_COLUMNS, eventRow } from './audit.csv';
import { auditErrors } from './audit.errors';
import { type AccessGroupRow, type AuditFilter, AuditRepository, type AuditRow } from './audit.repository';
import type {
  AccessGroupDto,
  AccessReportDto,
  AccessReportQueryDto,
  AuditEventDto,
  AuditFilterDto,
  AuditPageDto,
  AuditQueryDto,
  AuditRangeDto,
} from './dto/audit.dto';

/** Reads of the same thing by the same person this close together are one line of the access report. */
export const READ_GROUP_MINUTES = 10;

/** The filters an export names in its own audit row: their names, never the words searched. */
const FILTER_FIELDS = ['patientId', 'mrn', 'patient', 'action', 'actorId', 'from', 'to'] as const;

/** Who acted when no staff member did: the patient through their follow-up link, or a scheduled job. */
function actorName(row: Pick<AuditRow, 'actorId' | 'actorName' | 'requestId'>): string {
  if (row.actorName) return row.actorName;
  if (row.actorId) return 'Former staff member';
  return row.requestId?.startsWith('job:') ? 'Scheduled job' : 'The patient (follow-up link)';
}

function toEventDto(r: AuditRow): AuditEventDto {
  return {
    id: r.id.toString(),
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorName: actorName(r),
    actorEmail: r.actorEmail,
    actorRoles: r.actorRoles ?? [],
    action: r.action,
    summary: describeAuditAction(r),
    entity: r.entity,
    entityId: r.entityId,
    patientId: r.patientId,
    patientMrn: r.patientMrn,
    patientName: r.patientFamilyName ? `${r.patientFamilyName}, ${r.patientGivenName}` : null,
    requestId: r.requestId,
    fields: r.fields,
    fieldLabels: r.fields.map(auditFieldLabel),
  };
}

function toGroupDto(g: AccessGroupRow): AccessGroupDto {
  return {
    actorId: g.actorId,
    actorName: actorName(g),
    actorRoles: g.actorRoles ?? [],
    action: g.action,
    summary: describeAuditAction(g),
    entity: g.entity,
    entityId: g.entityId,
    fields: g.fields,
    fieldLabels: g.fields.map(auditFieldLabel),
    count: g.count,
    firstAt: g.firstAt.toISOString(),
    lastAt: g.lastAt.toISOString(),
  };
}

function range(query: AuditRangeDto) {
  const from = query.from ? new Date(query.from) : undefined;
  const to = query.to ? new Date(query.to) : undefined;
  if (from && to && from >= to) throw auditErrors.emptyRange();
  return { from, to };
}

@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  async find(actor: Actor, query: AuditQueryDto): Promise<AuditPageDto> {
    const filter = await this.filterOf(actor, query);
    const page = { page: query.page, pageSize: query.pageSize };
    if (!filter) return { items: [], ...page, total: 0 };
    const { rows, total } = await this.audit.find(filter, (query.page - 1) * query.pageSize, query.pageSize);
    return { items: rows.map(toEventDto), ...page, total };
  }

  /** Every event the filter matches as CSV; the export is audited, naming the filters used, before it starts. */
  async export(actor: Actor, meta: RequestMeta, query: AuditFilterDto) {
    const filter = await this.filterOf(actor, query);
    await this.audit.record(
      auditEntry(actor, meta, {
        action: 'EXPORT',
        entity: 'AuditEvent',
        patientId: filter?.patientId ?? null,
        fields: FILTER_FIELDS.filter((name) => !!query[name]),
      }),
    );
    const audit = this.audit;
    async function* rows() {
      if (filter) for await (const row of audit.each(filter)) yield eventRow(toEventDto(row));
    }
    return csvStream(rows(), EVENT_COLUMNS);
  }

  /** Who has seen or changed one patient's record, repeated reads grouped. */
  async access(actor: Actor, patientId: string, query: AccessReportQueryDto): Promise<AccessReportDto> {
    const { patient, filter } = await this.accessFilter(actor, patientId, query);
    const { rows, total } = await this.audit.accessGroups(
      filter,
      READ_GROUP_MINUTES,
      (query.page - 1) * query.pageSize,
      query.pageSize,
    );
    return {
      patient,
      windowMinutes: READ_GROUP_MINUTES,
      items: rows.map(toGroupDto),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  /** The whole access report as CSV, a page of groups at a time; audited as an export of it. */
  async accessExport(actor: Actor, meta: RequestMeta, patientId: string, query: AuditRangeDto) {
    const { filter } = await this.accessFilter(actor, patientId, query);
    await this.audit.record(
      auditEntry(actor, meta, {
        action: 'EXPORT',
        entity: 'AccessReport',
        patientId,
        fields: ['patientId', ...(['from', 'to'] as const).filter((name) => !!query[name])],
      }),
    );
    const audit = this.audit;
    async function* rows() {
      const take = 500;
      for (let skip = 0; ; skip += take) {
        const { rows: groups } = await audit.accessGroups(filter, READ_GROUP_MINUTES, skip, take);
        for (const group of groups) yield accessRow(toGroupDto(group));
        if (groups.length < take) return;
      }
    }
    return csvStream(rows(), ACCESS_COLUMNS);
  }

  private async accessFilter(actor: Actor, patientId: string, query: AuditRangeDto) {
    const found = await this.audit.patientOf(actor.clinicId, patientId);
    if (!found) throw patientsErrors.notFound();
    const filter: AuditFilter & { patientId: string } = {
      clinicId: actor.clinicId,
      patientId,
      patientWords: [],
      ...range(query),
    };
    return { patient: { id: found.id, mrn: found.mrn, name: `${found.familyName}, ${found.givenName}` }, filter };
  }

  /** The filter in the clinic's terms, or nothing when it cannot match (another clinic's staff or patient). */
  private async filterOf(actor: Actor, query: AuditFilterDto): Promise<AuditFilter | undefined> {
    const { from, to } = range(query);
    // An admin reads only their own clinic's trail.
    if (query.actorId && !(await this.audit.staffIds(actor.clinicId)).includes(query.actorId)) return undefined;
    let patientId = query.patientId;
    if (query.mrn) {
      const byMrn = await this.audit.patientIdByMrn(actor.clinicId, query.mrn);
      if (!byMrn || (patientId && patientId !== byMrn)) return undefined;
      patientId = byMrn;
    }
    let patientWords = (query.patient ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 5);
    // As in the patient search, one word with a digit that is a patient's whole MRN finds that patient alone.
    const [word] = patientWords;
    const byWholeMrn =
      patientWords.length === 1 && /\d/.test(word)
        ? await this.audit.patientIdByWholeMrn(actor.clinicId, word)
        : undefined;
    if (byWholeMrn) {
      if (patientId && patientId !== byWholeMrn) return undefined;
      patientId = byWholeMrn;
      patientWords = [];
    }
    return {
      clinicId: actor.clinicId,
      patientId,
      patientWords,
      action: query.action,
      actorId: query.actorId,
      from,
      to,
    };
  }
}
