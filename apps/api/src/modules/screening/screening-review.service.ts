import { Inject, Injectable } from '@nestjs/common';
import {
  dayOnlyItems,
  decisionReasonProblem,
  signingDates,
  type Answers,
  type ReasonedDecision,
  screeningSettingsOf,
} from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import type { DeclineDto, OverrideDto, ScreeningDto, TransitionDto } from './dto/screening.dto';
import { dateColumn, templateOf } from './screening-settings';
import { ScreeningChanges } from './screening-changes';
import { screeningErrors } from './screening.errors';
import { answerFields, staffIdsOf, toScreeningDto } from './screening.mapper';
import { ScreeningRepository, type ScreeningChange, type ScreeningRecord } from './screening.repository';

/**
 * A clinician's decisions on a submitted screening: sign it as it stands, override its relative
 * contraindications with a reason, or decline it; and the correction of a signed one, which is an
 * addendum, never an edit (the database refuses changes to a signed record). Each decision runs
 * under the patient's eligibility lock, which bookings take too.
 */
@Injectable()
export class ScreeningReviewService {
  constructor(
    private readonly screenings: ScreeningRepository,
    private readonly changes: ScreeningChanges,
    private readonly audit: AuditRepository,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  /** The screenings as answered, naming who recorded, submitted and decided each. */
  private async views(rows: ScreeningRecord[]): Promise<ScreeningDto[]> {
    const staff = await this.screenings.staff(rows[0]?.clinicId ?? '', staffIdsOf(rows));
    return rows.map((row) => toScreeningDto(row, staff));
  }

  async sign(actor: Actor, meta: RequestMeta, id: string, dto: TransitionDto): Promise<ScreeningDto> {
    return this.transactions.withTransaction(async () => {
      const current = await this.changes.open(actor.clinicId, id, 'sign');
      const change = await this.signing(actor, current);
      return (await this.views([await this.changes.apply(actor, meta, current, dto.version, change)]))[0];
    });
  }

  /** Signs a NEEDS_REVIEW screening, accepting its relative contraindications with a reason. */
  async override(actor: Actor, meta: RequestMeta, id: string, dto: OverrideDto): Promise<ScreeningDto> {
    assertReason('override', dto.reason);
    return this.transactions.withTransaction(async () => {
      const current = await this.changes.open(actor.clinicId, id, 'override');
      const change = {
        ...(await this.signing(actor, current)),
        overrideReason: dto.reason,
        ...(dto.rechecks?.length ? { rechecks: dto.rechecks } : {}),
      };
      return (await this.views([await this.changes.apply(actor, meta, current, dto.version, change)]))[0];
    });
  }

  async decline(actor: Actor, meta: RequestMeta, id: string, dto: DeclineDto): Promise<ScreeningDto> {
    assertReason('decline', dto.reason);
    return this.transactions.withTransaction(async () => {
      const current = await this.changes.open(actor.clinicId, id, 'decline');
      const change: ScreeningChange = {
        status: 'DECLINED',
        declineReason: dto.reason,
        signedById: actor.id,
        signedAt: new Date(),
      };
      return (await this.views([await this.changes.apply(actor, meta, current, dto.version, change)]))[0];
    });
  }

  /** A new draft of the same checklist that corrects a signed screening; the original stays as it is. */
  async addendum(actor: Actor, meta: RequestMeta, id: string): Promise<ScreeningDto> {
    return this.transactions.withTransaction(async () => {
      const original = await this.changes.open(actor.clinicId, id, 'addendum');
      const created = await this.screenings.create({
        clinicId: actor.clinicId,
        patientId: original.patientId,
        templateId: original.templateId,
        kind: original.kind,
        answers: original.answers,
        createdById: actor.id,
        amendsId: original.id,
      });
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'CREATE',
          entity: 'Screening',
          entityId: created.id,
          patientId: original.patientId,
          fields: ['amendsId', 'templateId', ...answerFields(original.answers)],
        }),
      );
      return (await this.views([created]))[0];
    });
  }

  /**
   * What signing records: the clinic-local day, the validity window (from the assessment, the day
   * the answers were submitted, as the rules saw it), and day-only answers.
   */
  private async signing(actor: Actor, current: ScreeningRecord): Promise<ScreeningChange> {
    const clinic = await this.screenings.clinic(actor.clinicId);
    if (!clinic) throw screeningErrors.patientNotFound();
    const signedAt = new Date();
    const { signedOn, assessedOn, validUntil } = signingDates(
      { signedAt: signedAt.toISOString(), submittedAt: current.submittedAt?.toISOString(), timeZone: clinic.timezone },
      screeningSettingsOf(clinic),
    );
    const template = templateOf(current.template);
    return {
      status: 'SIGNED',
      signedById: actor.id,
      signedAt,
      signedOn: dateColumn(signedOn),
      validUntil: dateColumn(validUntil),
      dayOnlyItems: dayOnlyItems(template, current.answers as Answers, assessedOn).map((d) => d.itemId),
    };
  }
}

/** The reason an override or a decline is kept with, checked by the domain whoever the caller. */
function assertReason(decision: ReasonedDecision, reason: string) {
  const problem = decisionReasonProblem(decision, reason);
  if (problem) throw screeningErrors.reason(problem);
}
