import { Injectable } from '@nestjs/common';
import {
  clinicDateOf,
  compareForReview,
  dayOnlyItems,
  evaluateEligibility,
  overrideRefusal,
  signRefusal,
  scoreScreeningInstruments,
  signingDates,
  validateAnswers,
  type AnswerError,
  type Answers,
  type EligibilityReason,
  type ScreeningTemplate,
} from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { auditEntry } from '../audit/audit-entry';
import type {
  CreateScreeningDto,
  DeclineDto,
  OverrideDto,
  QueueDto,
  QueueItemDto,
  SaveDraftDto,
  ScreeningDto,
  ScreeningListDto,
  ScreeningReasonDto,
  TransitionDto,
} from './dto/screening.dto';
import { calendarDate, dateColumn, settingsOf, templateOf } from './screening-settings';
import { ScreeningTemplatesService } from './screening-templates.service';
import {
  ScreeningRepository,
  type ChangeResult,
  type ScreeningChange,
  type ScreeningRecord,
  type ScreeningState,
} from './screening.repository';

/** At most this many answer problems are listed; the rest are summarised. */
const MAX_LISTED_ERRORS = 50;

/**
 * The screening workflow: a nurse drafts and submits, the domain scores and decides, a clinician
 * signs, overrides a relative contraindication, or declines. Signed records are never edited (the
 * database refuses it); corrections are addenda.
 */
@Injectable()
export class ScreeningService {
  constructor(
    private readonly screenings: ScreeningRepository,
    private readonly templates: ScreeningTemplatesService,
  ) {}

  async create(actor: Actor, meta: RequestMeta, patientId: string, dto: CreateScreeningDto): Promise<ScreeningDto> {
    const record = await this.templates.forNewScreening(actor.clinicId, dto.templateId);
    const answers = dto.answers ?? {};
    assertAnswers(templateOf(record), answers, true);
    if (!(await this.screenings.patient(actor.clinicId, patientId)))
      throw new DomainError('NOT_FOUND', 'No such patient in this clinic.');
    const created = await this.screenings.create(
      { clinicId: actor.clinicId, patientId, templateId: record.id, kind: record.kind, answers, createdById: actor.id },
      (id) =>
        auditEntry(actor, meta, {
          action: 'CREATE',
          entity: 'Screening',
          entityId: id,
          patientId,
          fields: ['templateId', ...answerFields(answers)],
        }),
    );
    return toDto(created);
  }

  async get(actor: Actor, meta: RequestMeta, id: string): Promise<ScreeningDto> {
    const row = await this.screenings.read(actor.clinicId, id, (patientId) =>
      auditEntry(actor, meta, { action: 'READ', entity: 'Screening', entityId: id, patientId }),
    );
    if (!row) throw notFound();
    return toDto(row);
  }

  async list(actor: Actor, meta: RequestMeta, patientId: string): Promise<ScreeningListDto> {
    if (!(await this.screenings.patient(actor.clinicId, patientId)))
      throw new DomainError('NOT_FOUND', 'No such patient in this clinic.');
    const rows = await this.screenings.list(actor.clinicId, patientId, (screeningId) =>
      auditEntry(actor, meta, { action: 'READ', entity: 'Screening', entityId: screeningId, patientId }),
    );
    return { items: rows.map(toDto) };
  }

  /** Saves a draft's answers, replacing the saved ones. */
  async saveDraft(actor: Actor, meta: RequestMeta, id: string, dto: SaveDraftDto): Promise<ScreeningDto> {
    const current = await this.current(actor, id);
    if (current.status !== 'DRAFT') {
      throw new DomainError(
        'SCREENING_NOT_EDITABLE',
        `This screening is ${current.status.toLowerCase()}: only a draft can be edited; add an addendum to a signed one.`,
      );
    }
    assertAnswers(templateOf(current.template), dto.answers, true);
    const changed = changedAnswerFields(current.answers, dto.answers);
    const result = await this.screenings.change(
      actor.clinicId,
      id,
      dto.version,
      ['DRAFT'],
      { answers: dto.answers },
      (record) =>
        auditEntry(actor, meta, {
          action: 'UPDATE',
          entity: 'Screening',
          entityId: id,
          patientId: record.patientId,
          fields: changed,
        }),
    );
    return toDto(unwrap(result, 'edit'));
  }

  /** Full validation, instrument scores and the eligibility decision, fixed at submission. */
  async submit(actor: Actor, meta: RequestMeta, id: string, dto: TransitionDto): Promise<ScreeningDto> {
    const current = await this.current(actor, id);
    assertTransition(current, ['DRAFT'], 'submit');
    assertVersion(current, dto.version);
    const template = templateOf(current.template);
    assertAnswers(template, current.answers, false);

    const { clinic, patient } = await this.clinicAndPatient(actor.clinicId, current.patientId);
    const now = new Date();
    const answers = current.answers as Answers;
    const sex = patient.sex;
    const scores = scoreScreeningInstruments(template, answers, { sex });
    const decision = evaluateEligibility(
      { answers, assessedOn: clinicDateOf(now.toISOString(), clinic.timezone), sex },
      settingsOf(clinic),
    );
    const change: ScreeningChange = {
      status: 'SUBMITTED',
      scores,
      result: decision.status,
      reasons: decision.reasons,
      suicidalityFlag: decision.suicidalityFlag,
      noSerialInfusions: decision.noSerialInfusionsWithoutOverride,
      submittedById: actor.id,
      submittedAt: now,
    };
    return this.transition(actor, meta, current, dto.version, ['DRAFT'], change, 'submit');
  }

  async sign(actor: Actor, meta: RequestMeta, id: string, dto: TransitionDto): Promise<ScreeningDto> {
    const current = await this.current(actor, id);
    assertTransition(current, ['SUBMITTED'], 'sign');
    if (signRefusal(current.result)) {
      throw new DomainError(
        'INVALID_TRANSITION',
        'A result that needs review is cleared with a written override, or declined; it is not signed as it stands.',
        [{ field: 'result', rule: 'needsOverrideOrDecline', message: 'override with a reason, or decline' }],
        { result: current.result },
      );
    }
    return this.transition(
      actor,
      meta,
      current,
      dto.version,
      ['SUBMITTED'],
      await this.signing(actor, current),
      'sign',
    );
  }

  /** Signs a NEEDS_REVIEW screening, accepting its relative contraindications with a reason. */
  async override(actor: Actor, meta: RequestMeta, id: string, dto: OverrideDto): Promise<ScreeningDto> {
    const current = await this.current(actor, id);
    assertTransition(current, ['SUBMITTED'], 'override');
    const refusal = overrideRefusal(current.result, reasonsOf(current));
    if (refusal) {
      const absolute = refusal.because === 'ABSOLUTE' ? refusal.absolute : [];
      throw new DomainError(
        'INVALID_TRANSITION',
        refusal.because === 'ABSOLUTE'
          ? 'An absolute contraindication cannot be overridden; sign or decline the screening, and re-screen once the cause is treated.'
          : 'Only a NEEDS_REVIEW result can be overridden; this one is eligible: sign it.',
        absolute.map((r) => ({ field: 'result', rule: r.ruleId, message: r.reason })),
        {
          result: current.result,
          reasons: absolute.map(({ ruleId, reason, severity, source }) => ({ ruleId, reason, severity, source })),
        },
      );
    }
    const change = { ...(await this.signing(actor, current)), overrideReason: dto.reason };
    return this.transition(actor, meta, current, dto.version, ['SUBMITTED'], change, 'override');
  }

  async decline(actor: Actor, meta: RequestMeta, id: string, dto: DeclineDto): Promise<ScreeningDto> {
    const current = await this.current(actor, id);
    assertTransition(current, ['SUBMITTED'], 'decline');
    const change: ScreeningChange = {
      status: 'DECLINED',
      declineReason: dto.reason,
      signedById: actor.id,
      signedAt: new Date(),
    };
    return this.transition(actor, meta, current, dto.version, ['SUBMITTED'], change, 'decline');
  }

  /** A new draft of the same checklist that corrects a signed screening; the original stays as it is. */
  async addendum(actor: Actor, meta: RequestMeta, id: string): Promise<ScreeningDto> {
    const original = await this.current(actor, id);
    if (original.status !== 'SIGNED') {
      throw new DomainError(
        'INVALID_TRANSITION',
        `Only a signed screening takes an addendum; this one is ${original.status.toLowerCase()}.`,
        [{ field: 'status', rule: 'signed', message: `status must be SIGNED, not ${original.status}` }],
      );
    }
    const created = await this.screenings.create(
      {
        clinicId: actor.clinicId,
        patientId: original.patientId,
        templateId: original.templateId,
        kind: original.kind,
        answers: original.answers,
        createdById: actor.id,
        amendsId: original.id,
      },
      (newId) =>
        auditEntry(actor, meta, {
          action: 'CREATE',
          entity: 'Screening',
          entityId: newId,
          patientId: original.patientId,
          fields: ['amendsId', 'templateId', ...answerFields(original.answers)],
        }),
    );
    return toDto(created);
  }

  /** Submitted screenings for clinician review, in the domain's review order. */
  async queue(actor: Actor, meta: RequestMeta): Promise<QueueDto> {
    const rows = await this.screenings.queue(actor.clinicId, (screeningId, patientId) =>
      auditEntry(actor, meta, {
        action: 'READ',
        entity: 'Screening',
        entityId: screeningId,
        patientId,
        fields: ['status', 'result', 'reasons'],
      }),
    );
    const items: QueueItemDto[] = rows.map((row) => ({
      id: row.id,
      patientId: row.patientId,
      kind: row.kind,
      templateVersion: row.templateVersion,
      status: row.status,
      result: row.result,
      reasons: reasonsOf(row),
      suicidalityFlag: row.suicidalityFlag,
      noSerialInfusions: row.noSerialInfusions,
      amendsId: row.amendsId,
      submittedAt: row.submittedAt?.toISOString() ?? null,
      version: row.version,
      patient: row.patient,
    }));
    items.sort((a, b) =>
      compareForReview({ ...a, submittedAt: a.submittedAt ?? '' }, { ...b, submittedAt: b.submittedAt ?? '' }),
    );
    return { items };
  }

  // ------------------------------------------------------------------------------------------

  private async current(actor: Actor, id: string) {
    const row = await this.screenings.find(actor.clinicId, id);
    if (!row) throw notFound();
    return {
      ...row,
      template: {
        key: '',
        kind: row.kind,
        version: row.templateVersion,
        title: '',
        definition: row.templateDefinition,
      },
    };
  }

  private async clinicAndPatient(clinicId: string, patientId: string) {
    const [clinic, patient] = await Promise.all([
      this.screenings.clinic(clinicId),
      this.screenings.patient(clinicId, patientId),
    ]);
    if (!clinic || !patient) throw new DomainError('NOT_FOUND', 'No such patient in this clinic.');
    return { clinic, patient };
  }

  /**
   * What signing records: the clinic-local day, the validity window (from the assessment, the day
   * the answers were submitted, as the rules saw it), and day-only answers.
   */
  private async signing(
    actor: Actor,
    current: ScreeningRecord & { template: { definition: unknown } },
  ): Promise<ScreeningChange> {
    const { clinic } = await this.clinicAndPatient(actor.clinicId, current.patientId);
    const signedAt = new Date();
    const { signedOn, assessedOn, validUntil } = signingDates(
      { signedAt: signedAt.toISOString(), submittedAt: current.submittedAt?.toISOString(), timeZone: clinic.timezone },
      settingsOf(clinic),
    );
    const template: ScreeningTemplate = templateOf({
      key: '',
      kind: current.kind,
      version: current.templateVersion,
      title: '',
      definition: current.template.definition,
    });
    return {
      status: 'SIGNED',
      signedById: actor.id,
      signedAt,
      signedOn: dateColumn(signedOn),
      validUntil: dateColumn(validUntil),
      dayOnlyItems: dayOnlyItems(template, current.answers as Answers, assessedOn).map((d) => d.itemId),
    };
  }

  private async transition(
    actor: Actor,
    meta: RequestMeta,
    current: ScreeningRecord,
    version: number,
    from: readonly ScreeningState[],
    change: ScreeningChange,
    action: string,
  ): Promise<ScreeningDto> {
    const fields = Object.keys(change).sort();
    const result = await this.screenings.change(actor.clinicId, current.id, version, from, change, (record) =>
      auditEntry(actor, meta, {
        action: 'UPDATE',
        entity: 'Screening',
        entityId: record.id,
        patientId: record.patientId,
        fields,
      }),
    );
    return toDto(unwrap(result, action));
  }
}

function notFound() {
  return new DomainError('NOT_FOUND', 'No such screening in this clinic.');
}

function assertTransition(current: { status: ScreeningState }, from: readonly ScreeningState[], action: string) {
  if (!from.includes(current.status)) {
    throw new DomainError(
      'INVALID_TRANSITION',
      `A ${current.status.toLowerCase()} screening cannot be asked to ${action}.`,
      [
        {
          field: 'status',
          rule: 'transition',
          message: `${action} needs status ${from.join(' or ')}, not ${current.status}`,
        },
      ],
    );
  }
}

function assertVersion(current: { version: number }, version: number) {
  if (current.version !== version) throw stale(current.version);
}

function stale(currentVersion: number) {
  return new DomainError(
    'STALE_VERSION',
    'This screening was changed by someone else since you opened it; reload it and try again.',
    [{ field: 'version', rule: 'current', message: `version must be the current version (${currentVersion})` }],
    { currentVersion },
  );
}

function unwrap(result: ChangeResult, action: string): ScreeningRecord {
  if (result.ok) return result.value;
  switch (result.reason) {
    case 'NOT_FOUND':
      throw notFound();
    case 'STALE_VERSION':
      throw stale(result.currentVersion);
    case 'WRONG_STATUS':
      throw action === 'edit'
        ? new DomainError(
            'SCREENING_NOT_EDITABLE',
            `This screening is ${result.status.toLowerCase()}: only a draft can be edited.`,
          )
        : new DomainError(
            'INVALID_TRANSITION',
            `A ${result.status.toLowerCase()} screening cannot be asked to ${action}.`,
          );
  }
}

/** Answers checked against the template they claim to answer; 400 naming each problem. */
function assertAnswers(template: ScreeningTemplate, answers: Record<string, unknown>, partial: boolean) {
  const problems = validateAnswers(template, answers, { partial });
  if (problems.length === 0) return;
  const errors: FieldError[] = problems.slice(0, MAX_LISTED_ERRORS).map(fieldError);
  if (problems.length > MAX_LISTED_ERRORS) {
    errors.push({
      field: 'answers',
      rule: 'tooManyProblems',
      message: `${problems.length - MAX_LISTED_ERRORS} more problems not listed`,
    });
  }
  throw new DomainError(
    'VALIDATION_FAILED',
    partial
      ? 'Some answers do not fit the checklist.'
      : 'The screening is incomplete or has answers that do not fit the checklist.',
    errors,
  );
}

function fieldError(problem: AnswerError): FieldError {
  return { field: `answers.${problem.itemId}`, rule: problem.rule, message: problem.message };
}

/** Audit rows name the answered items, never the answers. */
function answerFields(answers: Record<string, unknown>): string[] {
  return Object.keys(answers)
    .sort()
    .map((id) => `answers.${id}`);
}

function changedAnswerFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const ids = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...ids]
    .filter((id) => JSON.stringify(before[id]) !== JSON.stringify(after[id]))
    .sort()
    .map((id) => `answers.${id}`);
}

function reasonsOf(row: Pick<ScreeningRecord, 'reasons'>): EligibilityReason[] {
  return Array.isArray(row.reasons) ? (row.reasons as EligibilityReason[]) : [];
}

function toDto(row: ScreeningRecord): ScreeningDto {
  return {
    id: row.id,
    patientId: row.patientId,
    templateId: row.templateId,
    kind: row.kind,
    templateVersion: row.templateVersion,
    status: row.status,
    answers: row.answers,
    scores: (row.scores as Record<string, unknown> | null) ?? null,
    result: row.result,
    reasons: row.reasons === null ? null : (reasonsOf(row) as ScreeningReasonDto[]),
    suicidalityFlag: row.suicidalityFlag,
    noSerialInfusions: row.noSerialInfusions,
    dayOnlyItems: row.dayOnlyItems,
    amendsId: row.amendsId,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    signedById: row.signedById,
    signedAt: row.signedAt?.toISOString() ?? null,
    signedOn: row.signedOn ? calendarDate(row.signedOn) : null,
    validUntil: row.validUntil ? calendarDate(row.validUntil) : null,
    overrideReason: row.overrideReason,
    declineReason: row.declineReason,
    version: row.version,
  };
}
