import { Inject, Injectable } from '@nestjs/common';
import {
  clinicDateOf,
  compareForReview,
  evaluateEligibility,
  scoreScreeningInstruments,
  validateAnswers,
  type Answers,
  type ScreeningTemplate,
  screeningSettingsOf,
} from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import type {
  CreateScreeningDto,
  QueueCountDto,
  QueueDto,
  SaveDraftDto,
  ScreeningDto,
  ScreeningListDto,
  TransitionDto,
} from './dto/screening.dto';
import { templateOf } from './screening-settings';
import { ScreeningChanges } from './screening-changes';
import { ScreeningTemplatesService } from './screening-templates.service';
import { screeningErrors } from './screening.errors';
import { answerFields, toQueueItemDto, staffIdsOf, toScreeningDto } from './screening.mapper';
import { ScreeningRepository, type ScreeningRecord } from './screening.repository';

/**
 * The nurse's side of a screening: start it on the latest checklist, save the draft, submit it (the
 * domain scores it and decides the result, fixed from then on); and what staff read of it.
 * Clinicians' decisions are in ScreeningReviewService.
 */
@Injectable()
export class ScreeningWorkflowService {
  constructor(
    private readonly screenings: ScreeningRepository,
    private readonly templates: ScreeningTemplatesService,
    private readonly changes: ScreeningChanges,
    private readonly audit: AuditRepository,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  /** The screenings as answered, naming who recorded, submitted and decided each. */
  private async views(rows: ScreeningRecord[]): Promise<ScreeningDto[]> {
    const staff = await this.screenings.staff(rows[0]?.clinicId ?? '', staffIdsOf(rows));
    return rows.map((row) => toScreeningDto(row, staff));
  }

  async create(actor: Actor, meta: RequestMeta, patientId: string, dto: CreateScreeningDto): Promise<ScreeningDto> {
    const template = await this.templates.forNewScreening(actor.clinicId, dto.templateId);
    const answers = dto.answers ?? {};
    assertAnswers(templateOf(template), answers, true);
    return this.transactions.withTransaction(async () => {
      if (!(await this.screenings.patient(actor.clinicId, patientId))) throw screeningErrors.patientNotFound();
      const created = await this.screenings.create({
        clinicId: actor.clinicId,
        patientId,
        templateId: template.id,
        kind: template.kind,
        answers,
        createdById: actor.id,
      });
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'CREATE',
          entity: 'Screening',
          entityId: created.id,
          patientId,
          fields: ['templateId', ...answerFields(answers)],
        }),
      );
      return (await this.views([created]))[0];
    });
  }

  async get(actor: Actor, meta: RequestMeta, id: string): Promise<ScreeningDto> {
    return this.transactions.withTransaction(async () => {
      const row = await this.screenings.find(actor.clinicId, id);
      if (!row) throw screeningErrors.notFound();
      await this.audit.record(
        auditEntry(actor, meta, { action: 'READ', entity: 'Screening', entityId: id, patientId: row.patientId }),
      );
      return (await this.views([row]))[0];
    });
  }

  /** A patient's screenings, newest first, with one READ audit row per screening shown. */
  async list(actor: Actor, meta: RequestMeta, patientId: string): Promise<ScreeningListDto> {
    return this.transactions.withTransaction(async () => {
      if (!(await this.screenings.patient(actor.clinicId, patientId))) throw screeningErrors.patientNotFound();
      const rows = await this.screenings.list(actor.clinicId, patientId);
      await this.audit.recordMany(
        rows.map((row) =>
          auditEntry(actor, meta, { action: 'READ', entity: 'Screening', entityId: row.id, patientId }),
        ),
      );
      return { items: await this.views(rows) };
    });
  }

  /** Saves a draft's answers, replacing the saved ones. */
  async saveDraft(actor: Actor, meta: RequestMeta, id: string, dto: SaveDraftDto): Promise<ScreeningDto> {
    return this.transactions.withTransaction(async () => {
      const current = await this.changes.open(actor.clinicId, id, 'edit');
      assertAnswers(templateOf(current.template), dto.answers, true);
      const fields = changedAnswerFields(current.answers, dto.answers);
      const saved = await this.changes.apply(actor, meta, current, dto.version, { answers: dto.answers }, fields);
      return (await this.views([saved]))[0];
    });
  }

  /** Full validation, instrument scores and the eligibility decision, fixed at submission. */
  async submit(actor: Actor, meta: RequestMeta, id: string, dto: TransitionDto): Promise<ScreeningDto> {
    return this.transactions.withTransaction(async () => {
      const current = await this.changes.open(actor.clinicId, id, 'submit');
      if (current.version !== dto.version) throw screeningErrors.stale(current.version);
      const template = templateOf(current.template);
      assertAnswers(template, current.answers, false);

      const clinic = await this.screenings.clinic(actor.clinicId);
      const patient = await this.screenings.patient(actor.clinicId, current.patientId);
      if (!clinic || !patient) throw screeningErrors.patientNotFound();
      const now = new Date();
      const answers = current.answers as Answers;
      const scores = scoreScreeningInstruments(template, answers, { sex: patient.sex });
      const decision = evaluateEligibility(
        { answers, assessedOn: clinicDateOf(now.toISOString(), clinic.timezone), sex: patient.sex },
        screeningSettingsOf(clinic),
      );
      const submitted = await this.changes.apply(actor, meta, current, dto.version, {
        status: 'SUBMITTED',
        scores,
        result: decision.status,
        reasons: decision.reasons,
        suicidalityFlag: decision.suicidalityFlag,
        noSerialInfusions: decision.noSerialInfusionsWithoutOverride,
        submittedById: actor.id,
        submittedAt: now,
      });
      return (await this.views([submitted]))[0];
    });
  }

  /** The queue's size for the menu badge: counts only, no patient named. */
  queueCount(actor: Actor): Promise<QueueCountDto> {
    return this.screenings.queueCount(actor.clinicId);
  }

  /** Submitted screenings for clinician review, in the domain's review order, each read audited. */
  async queue(actor: Actor, meta: RequestMeta): Promise<QueueDto> {
    const rows = await this.transactions.withTransaction(async () => {
      const found = await this.screenings.queue(actor.clinicId);
      await this.audit.recordMany(
        found.map((row) =>
          auditEntry(actor, meta, {
            action: 'READ',
            entity: 'Screening',
            entityId: row.id,
            patientId: row.patientId,
            fields: ['status', 'result', 'reasons'],
          }),
        ),
      );
      return found;
    });
    const items = rows.map(toQueueItemDto);
    items.sort((a, b) =>
      compareForReview({ ...a, submittedAt: a.submittedAt ?? '' }, { ...b, submittedAt: b.submittedAt ?? '' }),
    );
    return { items };
  }
}

/** Answers checked against the template they claim to answer; 400 naming each problem. */
function assertAnswers(template: ScreeningTemplate, answers: Record<string, unknown>, partial: boolean) {
  const problems = validateAnswers(template, answers, { partial });
  if (problems.length > 0) throw screeningErrors.answers(problems, partial);
}

function changedAnswerFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const ids = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...ids]
    .filter((id) => JSON.stringify(before[id]) !== JSON.stringify(after[id]))
    .sort()
    .map((id) => `answers.${id}`);
}
