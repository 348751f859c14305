import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/current-user';
import { auditErrors } from './audit.errors';
import { AuditRepository } from './audit.repository';
import type { AuditPageDto, AuditQueryDto } from './dto/audit.dto';

@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  async find(actor: Actor, query: AuditQueryDto): Promise<AuditPageDto> {
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from >= to) throw auditErrors.emptyRange();
    const none = { items: [], page: query.page, pageSize: query.pageSize, total: 0 };
    // An admin reads only their own clinic's trail.
    if (query.actorId && !(await this.audit.staffIds(actor.clinicId)).includes(query.actorId)) return none;
    let patientId = query.patientId;
    if (query.mrn) {
      const byMrn = await this.audit.patientIdByMrn(actor.clinicId, query.mrn);
      if (!byMrn || (patientId && patientId !== byMrn)) return none;
      patientId = byMrn;
    }
    // A patient's own trail includes what they did through their follow-up link (no staff actor),
    // once the patient is known to be of this clinic.
    const withPatientActions =
      !query.actorId && !!patientId && (await this.audit.mrnsOf(actor.clinicId, [patientId])).length > 0;
    const { rows, total } = await this.audit.find({
      clinicId: actor.clinicId,
      patientId,
      withPatientActions,
      actorId: query.actorId,
      from,
      to,
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    const actorIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => !!id))];
    const patientIds = [...new Set(rows.map((r) => r.patientId).filter((id): id is string => !!id))];
    const [users, patients] = await Promise.all([
      this.audit.emailsOf(actorIds),
      this.audit.mrnsOf(actor.clinicId, patientIds),
    ]);
    const emails = new Map(users.map((u) => [u.id, u.email]));
    const mrns = new Map(patients.map((p) => [p.id, p.mrn]));
    return {
      items: rows.map((r) => ({
        id: r.id.toString(),
        at: r.at.toISOString(),
        actorId: r.actorId,
        actorEmail: r.actorId ? (emails.get(r.actorId) ?? null) : null,
        action: r.action,
        entity: r.entity,
        entityId: r.entityId,
        patientId: r.patientId,
        patientMrn: r.patientId ? (mrns.get(r.patientId) ?? null) : null,
        requestId: r.requestId,
        fields: r.fields,
      })),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }
}
