import { Inject, Injectable } from '@nestjs/common';
import { infusionSettingsProblems } from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { DomainError } from '../../common/errors/domain-error';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import type { ClinicInfusionSettingsDto, UpdateInfusionSettingsDto } from './dto/clinic-settings.dto';
import { dosingSettingsOf, infusionSettingsOf } from './infusion-settings';
import { sessionsErrors } from './sessions.errors';
import { SessionsRepository } from './sessions.repository';

/**
 * The clinic's infusion and dosing settings: vitals limits, intervals, discharge, weight range,
 * rounding steps and rolling-window caps. Stored as the clinic's own values (what it leaves out is
 * the domain's cited default); a save replaces them, at the clinic's version, once the effective
 * settings hold together. Each bound is named when refused, never clamped.
 */
@Injectable()
export class ClinicSettingsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditRepository,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  async get(clinicId: string): Promise<ClinicInfusionSettingsDto> {
    const clinic = await this.sessions.clinicSettings(clinicId);
    if (!clinic) throw sessionsErrors.notFound();
    return {
      version: clinic.version,
      infusion: infusionSettingsOf(clinic.infusionSettings),
      dosing: dosingSettingsOf(clinic.dosingSettings),
    };
  }

  async update(actor: Actor, meta: RequestMeta, dto: UpdateInfusionSettingsDto): Promise<ClinicInfusionSettingsDto> {
    const infusion = plain(dto.infusion);
    const dosing = plain(dto.dosing);
    const problems = infusionSettingsProblems(infusionSettingsOf(infusion), dosingSettingsOf(dosing));
    if (problems.length > 0)
      throw new DomainError('VALIDATION_FAILED', 'The settings contradict each other.', problems);
    await this.transactions.withTransaction(async () => {
      const saved = await this.sessions.saveSettings(actor.clinicId, dto.version, infusion, dosing);
      if (saved === 'STALE') {
        const current = await this.sessions.clinicSettings(actor.clinicId);
        throw sessionsErrors.clinicStale(current?.version ?? dto.version);
      }
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'UPDATE',
          entity: 'Clinic',
          entityId: actor.clinicId,
          fields: ['infusionSettings', 'dosingSettings'],
        }),
      );
    });
    return this.get(actor.clinicId);
  }
}

/** A validated DTO as the stored JSON: its own fields only (class instances and undefined dropped). */
function plain(value: object | undefined): object {
  return JSON.parse(JSON.stringify(value ?? {})) as object;
}
