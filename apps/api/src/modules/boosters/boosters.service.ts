import { Inject, Injectable } from '@nestjs/common';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import { ForecastService } from '../outcomes/forecast.service';
import { BoosterFactsService } from './booster-facts.service';
import { boostersErrors } from './boosters.errors';
import { toChecksDto } from './boosters.mapper';
import { BoostersRepository, type TaskRow } from './boosters.repository';
import type {
  BoosterForecastItemDto,
  BoosterChecksDto,
  BoosterChecksQueryDto,
  BoosterQueueDto,
  BoosterQueueQueryDto,
  BoosterQueueItemDto,
  BoosterTaskDto,
  CreateBoosterApprovalDto,
  DismissBoosterTaskDto,
} from './dto/booster.dto';
import { followUpSettingsOf } from './follow-up-settings';

const CHECK_FIELDS = ['bladderScreens', 'doses', 'eligibility', 'followUps', 'otherBoosters'];

/**
 * The booster checks of a patient, the clinicians' booster queue over the daily job's tasks, a
 * clinician dismissing a task, and a clinician's written approval of relative reasons that a
 * scheduler's booking then cites. Every rule is the domain's (BoosterFactsService assembles it).
 */
@Injectable()
export class BoostersService {
  constructor(
    private readonly facts: BoosterFactsService,
    private readonly boosters: BoostersRepository,
    private readonly audit: AuditRepository,
    private readonly forecasts: ForecastService,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  async checks(
    actor: Actor,
    meta: RequestMeta,
    patientId: string,
    query: BoosterChecksQueryDto,
  ): Promise<BoosterChecksDto> {
    return this.transactions.withTransaction(async () => {
      const view = await this.facts.assess(actor.clinicId, {
        patientId,
        protocolId: query.protocolId,
        on: query.on,
        applyLatestApproval: true,
      });
      await this.audit.record(
        auditEntry(actor, meta, { action: 'READ', entity: 'BoosterChecks', patientId, fields: CHECK_FIELDS }),
      );
      return toChecksDto(view);
    });
  }

  /** A page of the open tasks, soonest due first, each with its checks now under the boosted course's own protocol (newest version). */
  async queue(actor: Actor, meta: RequestMeta, query: BoosterQueueQueryDto): Promise<BoosterQueueDto> {
    const { page, pageSize } = query;
    return this.transactions.withTransaction(async () => {
      const total = await this.boosters.countOpenTasks(actor.clinicId);
      const tasks = await this.boosters.openTasks(actor.clinicId, (page - 1) * pageSize, pageSize);
      const forecast = await this.forecasts.boostersDueByForecast(actor.clinicId);
      const patients = await this.boosters.patients(actor.clinicId, [
        ...new Set([...tasks.map((t) => t.patientId), ...forecast.map((f) => f.course.patientId)]),
      ]);
      const items: BoosterQueueItemDto[] = [];
      for (const task of tasks) {
        const patient = patients.find((p) => p.id === task.patientId);
        if (patient) items.push(await this.queueItem(actor.clinicId, task, patient));
      }
      await this.audit.recordMany(
        patients.map((p) =>
          auditEntry(actor, meta, {
            action: 'SEARCH',
            entity: 'BoosterTask',
            patientId: p.id,
            fields: ['boosterQueue', ...CHECK_FIELDS],
          }),
        ),
      );
      const forecasts: BoosterForecastItemDto[] = forecast.flatMap(({ course, forecast: f }) => {
        const patient = patients.find((p) => p.id === course.patientId);
        return patient
          ? [
              {
                courseId: course.courseId,
                protocolKey: course.protocolKey,
                offerBy: f.expectedLossOn!,
                expectedLossOn: f.expectedLossOn!,
                expectedLossLower: f.expectedLossInterval?.lower ?? null,
                expectedLossUpper: f.expectedLossInterval?.upper ?? null,
                heldToDay: f.heldToDay,
                patientsBehind: f.patientsBehind,
                reason: f.reasons[0].message,
                patient: {
                  id: patient.id,
                  mrn: patient.mrn,
                  givenName: patient.givenName,
                  familyName: patient.familyName,
                },
              },
            ]
          : [];
      });
      return { items, total, page, pageSize, forecasts };
    });
  }

  private async queueItem(
    clinicId: string,
    task: TaskRow,
    patient: BoosterQueueItemDto['patient'],
  ): Promise<BoosterQueueItemDto> {
    const course = await this.boosters.course(clinicId, task.courseId);
    const own = course && (await this.boosters.protocol(clinicId, course.protocolId));
    const protocol = own && ((await this.boosters.latestActiveProtocol(clinicId, own.key)) ?? own);
    const view = await this.facts.assess(clinicId, {
      patientId: task.patientId,
      protocolId: protocol?.id,
      applyLatestApproval: true,
    });
    return {
      id: task.id,
      courseId: task.courseId,
      dueBy: task.dueBy.toISOString().slice(0, 10),
      reason: task.reason,
      createdAt: task.createdAt.toISOString(),
      patient: { id: patient.id, mrn: patient.mrn, givenName: patient.givenName, familyName: patient.familyName },
      boostsLastCourse: view.lastCourse?.id === task.courseId,
      checks: toChecksDto(view),
    };
  }

  /** Dismisses an open task with the clinician's reason; a task already booked or dismissed stays as it is (409). */
  async dismiss(actor: Actor, meta: RequestMeta, id: string, dto: DismissBoosterTaskDto): Promise<BoosterTaskDto> {
    return this.transactions.withTransaction(async () => {
      const dismissed = await this.boosters.dismissIfOpen(actor.clinicId, id, actor.id, dto.reason.trim(), new Date());
      const task = await this.boosters.task(actor.clinicId, id);
      if (!task) throw boostersErrors.taskNotFound();
      if (!dismissed) throw boostersErrors.taskDecided(task.status);
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'UPDATE',
          entity: 'BoosterTask',
          entityId: id,
          patientId: task.patientId,
          fields: ['decidedAt', 'decidedById', 'dismissReason', 'status'],
        }),
      );
      return {
        id: task.id,
        patientId: task.patientId,
        courseId: task.courseId,
        dueBy: task.dueBy.toISOString().slice(0, 10),
        reason: task.reason,
        status: task.status,
      };
    });
  }

  /**
   * A clinician's written approval of named RELATIVE reasons standing now for a booster of the
   * patient's last course under a protocol. Naming an absolute reason, or one that is not standing,
   * refuses the whole approval. The answer is the checks with it applied.
   */
  async approve(actor: Actor, meta: RequestMeta, dto: CreateBoosterApprovalDto): Promise<BoosterChecksDto> {
    return this.transactions.withTransaction(async () => {
      const query = { patientId: dto.patientId, courseId: dto.courseId, protocolId: dto.protocolId, on: dto.on };
      const view = await this.facts.assess(actor.clinicId, query);
      const refused = dto.accepts.flatMap((code) => {
        const found = view.assessment.reasons.find((r) => r.code === code);
        if (!found)
          return [{ code, ruleId: 'booster.approval', message: `${code} is not among this booster's reasons now` }];
        if (found.severity === 'ABSOLUTE')
          return [{ code, ruleId: found.ruleId, message: `${found.message} (absolute: no approval lifts it)` }];
        return [];
      });
      if (refused.length > 0) throw boostersErrors.overrideNotAllowed(refused);
      const clinic = await this.boosters.clinic(actor.clinicId);
      const validDays = followUpSettingsOf(clinic?.followUpSettings).boosterApprovalValidDays;
      const now = new Date();
      const approval = await this.boosters.insertApproval({
        clinicId: actor.clinicId,
        patientId: dto.patientId,
        courseId: dto.courseId,
        protocolId: dto.protocolId,
        reason: dto.reason.trim(),
        accepts: [...dto.accepts],
        approvedById: actor.id,
        approvedAt: now,
        expiresAt: new Date(now.getTime() + validDays * 86_400_000),
      });
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'CREATE',
          entity: 'BoosterApproval',
          entityId: approval.id,
          patientId: dto.patientId,
          fields: ['accepts', 'courseId', 'protocolId', 'reason'],
        }),
      );
      return toChecksDto(await this.facts.assess(actor.clinicId, { ...query, approvalId: approval.id }));
    });
  }
}
