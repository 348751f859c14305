import { Inject, Injectable } from '@nestjs/common';
import { followUpClinicSettingsProblems, type FollowUpClinicSettings } from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { DomainError } from '../../common/errors/domain-error';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import { boostersErrors } from './boosters.errors';
import { BoostersRepository } from './boosters.repository';
import type { ClinicFollowUpSettingsDto, UpdateFollowUpSettingsDto } from './dto/follow-up-settings.dto';
import { followUpSettingsOf } from './follow-up-settings';

/**
 * The clinic's follow-up, relief and booster settings: follow-up windows, the worklist's days,
 * the bladder answers' age a booster needs, the responder thresholds and relief line, and how long
 * a booster approval may be cited. Stored as the clinic's own values over the domain's defaults;
 * a save replaces them at the clinic's version once the effective settings hold together.
 */
@Injectable()
export class FollowUpSettingsService {
  constructor(
    private readonly boosters: BoostersRepository,
    private readonly audit: AuditRepository,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  async get(clinicId: string): Promise<ClinicFollowUpSettingsDto> {
    const clinic = await this.boosters.clinic(clinicId);
    if (!clinic) throw new DomainError('NOT_FOUND', 'No such clinic.');
    return toDto(clinic.version, followUpSettingsOf(clinic.followUpSettings));
  }

  async update(actor: Actor, meta: RequestMeta, dto: UpdateFollowUpSettingsDto): Promise<ClinicFollowUpSettingsDto> {
    const { version, ...fields } = dto;
    const stored = JSON.parse(JSON.stringify(fields)) as object;
    const problems = followUpClinicSettingsProblems(followUpSettingsOf(stored));
    if (problems.length > 0)
      throw new DomainError('VALIDATION_FAILED', 'The settings contradict each other.', problems);
    await this.transactions.withTransaction(async () => {
      if ((await this.boosters.saveFollowUpSettings(actor.clinicId, version, stored)) === 'STALE') {
        const current = await this.boosters.clinic(actor.clinicId);
        throw boostersErrors.clinicStale(current?.version ?? version);
      }
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'UPDATE',
          entity: 'Clinic',
          entityId: actor.clinicId,
          fields: ['followUpSettings'],
        }),
      );
    });
    return this.get(actor.clinicId);
  }
}

function toDto(version: number, s: FollowUpClinicSettings): ClinicFollowUpSettingsDto {
  const { moderatePercent, substantialPercent, minimumPoints } = s.relief.responder;
  return {
    version,
    followUp: {
      windows: s.followUp.windows.map(({ fromOffsetDays, daysBefore, daysAfter }) => ({
        fromOffsetDays,
        daysBefore,
        daysAfter,
      })),
      worklistMissedDays: s.followUp.worklistMissedDays,
      bladderScreenMaxAgeDays: s.followUp.bladderScreenMaxAgeDays,
    },
    relief: { line: s.relief.line, responder: { moderatePercent, substantialPercent, minimumPoints } },
    boosterApprovalValidDays: s.boosterApprovalValidDays,
  };
}
