import { Injectable } from '@nestjs/common';
import { screeningActionRefusal, type ScreeningAction } from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import { screeningErrors } from './screening.errors';
import { reasonsOf } from './screening.mapper';
import { ScreeningRepository, type ScreeningChange, type ScreeningRecord } from './screening.repository';

/**
 * The two ends of every change to a screening, for the workflow and review services; both run
 * inside the caller's open transaction.
 */
@Injectable()
export class ScreeningChanges {
  constructor(
    private readonly screenings: ScreeningRepository,
    private readonly audit: AuditRepository,
  ) {}

  /**
   * The screening, read under its patient's eligibility lock (held to commit), once the domain's
   * workflow allows `action` on it; otherwise the workflow's refusal.
   */
  async open(clinicId: string, id: string, action: ScreeningAction): Promise<ScreeningRecord> {
    await this.screenings.lockPatientOf(clinicId, id);
    const current = await this.screenings.find(clinicId, id);
    if (!current) throw screeningErrors.notFound();
    const refusal = screeningActionRefusal(action, {
      status: current.status,
      result: current.result,
      reasons: reasonsOf(current),
    });
    if (refusal) throw screeningErrors.refused(refusal, current.result);
    return current;
  }

  /**
   * Writes `change` if the screening is still at the version the caller saw, with an UPDATE audit
   * row naming the changed fields (never their values).
   */
  async apply(
    actor: Actor,
    meta: RequestMeta,
    current: ScreeningRecord,
    version: number,
    change: ScreeningChange,
    fields: string[] = Object.keys(change).sort(),
  ): Promise<ScreeningRecord> {
    if (current.version !== version) throw screeningErrors.stale(current.version);
    const updated = await this.screenings.update(
      current.clinicId,
      current.id,
      { version, status: current.status },
      change,
    );
    if (!updated) {
      // Only a writer that skipped the lock gets here; report the version it left.
      const now = await this.screenings.find(current.clinicId, current.id);
      throw now ? screeningErrors.stale(now.version) : screeningErrors.notFound();
    }
    await this.audit.record(
      auditEntry(actor, meta, {
        action: 'UPDATE',
        entity: 'Screening',
        entityId: updated.id,
        patientId: updated.patientId,
        fields,
      }),
    );
    return updated;
  }
}
