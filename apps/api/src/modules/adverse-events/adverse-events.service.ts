import { Inject, Injectable } from '@nestjs/common';
import {
  ADVERSE_EVENT_ACTIONS,
  ADVERSE_EVENT_OUTCOMES,
  ADVERSE_EVENT_TERMS,
  adverseEventProblems,
  adverseEventTerm,
  clinicianAlertReasons,
  sessionActionRefusal,
  type AdverseEventEntry,
  type AdverseEventGrade,
  type AdverseEventProblem,
} from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { AlertsService } from '../alerts/alerts.service';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import { SessionRecordsRepository, type SessionHead } from '../sessions/session-records.repository';
import type {
  AdverseEventDto,
  AdverseEventListDto,
  AdverseEventTermsDto,
  ConfirmAdverseEventDto,
  DismissAdverseEventDto,
  RecordAdverseEventDto,
  UpdateAdverseEventDto,
} from './dto/adverse-event.dto';
import { adverseEventsErrors as errors } from './adverse-events.errors';
import {
  AdverseEventsRepository,
  type AdverseEventChanges,
  type AdverseEventRow,
  type ChangeWrite,
} from './adverse-events.repository';

/** The event's clinical fields, as an edit names them. */
const EVENT_FIELDS = ['term', 'grade', 'onsetAt', 'actions', 'outcome', 'serious', 'description'] as const;
type EventField = (typeof EVENT_FIELDS)[number];
type EventEdit = Partial<Pick<UpdateAdverseEventDto, EventField>>;

export interface RecordedAdverseEvent {
  created: boolean;
  event: AdverseEventDto;
}

@Injectable()
export class AdverseEventsService {
  constructor(
    private readonly events: AdverseEventsRepository,
    private readonly sessions: SessionRecordsRepository,
    private readonly alerts: AlertsService,
    private readonly audit: AuditRepository,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  /**
   * Records an event the nurse or clinician saw (confirmed as entered). A serious or grade ≥ 3 one
   * alerts the supervising clinician and the admins in the same transaction. A retry with the same
   * id and content answers with the stored event.
   */
  async record(
    actor: Actor,
    meta: RequestMeta,
    sessionId: string,
    dto: RecordAdverseEventDto,
  ): Promise<RecordedAdverseEvent> {
    const entry: AdverseEventEntry = {
      term: dto.term,
      grade: dto.grade,
      onsetMs: Date.parse(dto.onsetAt),
      actions: dto.actions,
      outcome: dto.outcome,
      serious: dto.serious,
      ...(dto.description ? { description: dto.description } : {}),
    };
    const problems = adverseEventProblems(entry, Date.now());
    if (problems.length) throw errors.invalid(problems);

    return this.transactions.withTransaction(async () => {
      const session = await this.sessions.lock(actor.clinicId, sessionId);
      if (!session) throw errors.sessionNotFound();
      const stored = await this.events.byId(dto.id);
      if (stored) {
        if (!sameEvent(stored, sessionId, entry)) throw errors.idTaken();
        return { created: false, event: await this.toDto(stored) };
      }
      this.refuseUnlessOpen(session);
      const now = new Date();
      const row = await this.events.create({
        id: dto.id,
        sessionId,
        status: 'CONFIRMED',
        term: entry.term,
        grade: entry.grade,
        onsetAt: new Date(entry.onsetMs),
        actions: [...entry.actions],
        outcome: entry.outcome,
        serious: entry.serious,
        description: entry.description ?? null,
        recordedById: actor.id,
        decidedById: actor.id,
        decidedAt: now,
      });
      if (!row) throw errors.signed();
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'CREATE',
          entity: 'AdverseEvent',
          entityId: row.id,
          patientId: session.patientId,
          fields: EVENT_FIELDS.filter((f) => f !== 'description' || entry.description !== undefined),
        }),
      );
      await this.escalate(actor, meta, session, row);
      return { created: true, event: await this.toDto(row) };
    });
  }

  /** Edits a draft or a confirmed event at the version read; a confirmed one stays complete and valid. */
  async update(actor: Actor, meta: RequestMeta, id: string, dto: UpdateAdverseEventDto): Promise<AdverseEventDto> {
    return this.change(actor, meta, id, dto.version, (row) => {
      if (row.status === 'DISMISSED') throw errors.dismissedIsFinal();
      const edit = changedFields(row, dto);
      if (edit.length === 0) throw errors.nothingChanged();
      const merged = entryOf(row, dto);
      const problems = adverseEventProblems(merged, Date.now());
      // A draft is completed at confirmation: only what this edit touches must be right now.
      const judged = row.status === 'CONFIRMED' ? problems : problems.filter((p) => touches(edit, p));
      if (judged.length) throw errors.invalid(judged);
      return { changes: changesOf(dto, edit), fields: edit };
    });
  }

  /** Confirms a draft, completed or corrected by the nurse: the whole event must then be valid. */
  async confirm(actor: Actor, meta: RequestMeta, id: string, dto: ConfirmAdverseEventDto): Promise<AdverseEventDto> {
    return this.change(actor, meta, id, dto.version, (row) => {
      if (row.status !== 'DRAFT') throw errors.notDraft(row.status);
      const edit = changedFields(row, dto);
      const problems = adverseEventProblems(entryOf(row, dto), Date.now());
      if (problems.length) throw errors.invalid(problems);
      return {
        changes: { ...changesOf(dto, edit), status: 'CONFIRMED', decidedById: actor.id, decidedAt: new Date() },
        fields: ['status', ...edit, 'decidedById', 'decidedAt'],
      };
    });
  }

  /** Dismisses a draft with the reason it is not an adverse event (e.g. a cuff error, rechecked normal). */
  async dismiss(actor: Actor, meta: RequestMeta, id: string, dto: DismissAdverseEventDto): Promise<AdverseEventDto> {
    return this.change(actor, meta, id, dto.version, (row) => {
      if (row.status !== 'DRAFT') throw errors.notDraft(row.status);
      return {
        changes: {
          status: 'DISMISSED',
          dismissReason: dto.reason.trim(),
          decidedById: actor.id,
          decidedAt: new Date(),
        },
        fields: ['status', 'dismissReason', 'decidedById', 'decidedAt'],
      };
    });
  }

  /** The session's events, drafts, confirmed and dismissed, by onset; the read is audited. */
  async list(actor: Actor, meta: RequestMeta, sessionId: string): Promise<AdverseEventListDto> {
    return this.transactions.withTransaction(async () => {
      const session = await this.sessions.head(actor.clinicId, sessionId);
      if (!session) throw errors.sessionNotFound();
      const rows = await this.events.forSession(sessionId);
      const alerted = await this.alerts.recipientsAlerted(rows.map((r) => r.id));
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'READ',
          entity: 'InfusionSession',
          entityId: sessionId,
          patientId: session.patientId,
          fields: ['adverseEvents'],
        }),
      );
      return { items: rows.map((row) => toDto(row, alerted.get(row.id) ?? [])) };
    });
  }

  /** The CTCAE v5 terms with their grades' definitions, for the picker. */
  terms(): AdverseEventTermsDto {
    return {
      terms: ADVERSE_EVENT_TERMS.map((t) => ({
        id: t.id,
        term: t.term,
        grades: Object.entries(t.grades).map(([grade, definition]) => ({ grade: Number(grade), definition })),
      })),
      actions: [...ADVERSE_EVENT_ACTIONS],
      outcomes: [...ADVERSE_EVENT_OUTCOMES],
    };
  }

  /** Lock the event's session, check the version and the record, apply the change, audit, escalate. */
  private async change(
    actor: Actor,
    meta: RequestMeta,
    id: string,
    version: number,
    decide: (row: AdverseEventRow) => { changes: AdverseEventChanges; fields: string[] },
  ): Promise<AdverseEventDto> {
    return this.transactions.withTransaction(async () => {
      const sessionId = await this.events.sessionOf(actor.clinicId, id);
      if (!sessionId) throw errors.notFound();
      const session = await this.sessions.lock(actor.clinicId, sessionId);
      const row = await this.events.byId(id);
      if (!session || !row) throw errors.notFound();
      if (row.version !== version) throw errors.stale(row.version);
      if (session.nurseSignedAt) throw errors.signed();
      const { changes, fields } = decide(row);
      const write: ChangeWrite = await this.events.change(id, version, changes);
      switch (write) {
        case 'CHANGED':
          break;
        case 'STALE':
          throw errors.stale(version + 1);
        case 'SIGNED':
          throw errors.signed();
        default: {
          const unreachable: never = write;
          throw new Error(`Unhandled adverse-event write ${String(unreachable)}`);
        }
      }
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'UPDATE',
          entity: 'AdverseEvent',
          entityId: id,
          patientId: session.patientId,
          fields,
        }),
      );
      const changed = (await this.events.byId(id))!;
      await this.escalate(actor, meta, session, changed);
      return this.toDto(changed);
    });
  }

  private refuseUnlessOpen(session: SessionHead) {
    if (session.nurseSignedAt) throw errors.signed();
    const refusal = sessionActionRefusal('record_adverse_event', { state: session.state });
    if (refusal) throw errors.notOpen(refusal);
  }

  /** A confirmed serious or grade ≥ 3 event alerts the supervising clinician and the admins (once each). */
  private async escalate(actor: Actor, meta: RequestMeta, session: SessionHead, row: AdverseEventRow) {
    if (row.status !== 'CONFIRMED' || row.grade === null) return;
    if (clinicianAlertReasons({ grade: row.grade, serious: row.serious }).length === 0) return;
    await this.alerts.raiseForAdverseEvent(actor, meta, {
      clinicId: session.clinicId,
      sessionId: session.id,
      patientId: session.patientId,
      supervisingClinicianId: session.supervisingClinicianId,
      adverseEventId: row.id,
      term: row.term,
      grade: row.grade,
      serious: row.serious,
    });
  }

  private async toDto(row: AdverseEventRow): Promise<AdverseEventDto> {
    const alerted = await this.alerts.recipientsAlerted([row.id]);
    return toDto(row, alerted.get(row.id) ?? []);
  }
}

function toDto(row: AdverseEventRow, alertedRecipientIds: string[]): AdverseEventDto {
  const term = adverseEventTerm(row.term);
  return {
    id: row.id,
    sessionId: row.sessionId,
    status: row.status,
    term: row.term,
    termText: term?.term ?? row.term,
    grade: row.grade,
    gradeDefinition: (row.grade !== null && term?.grades[row.grade as AdverseEventGrade]) || null,
    onsetAt: row.onsetAt.toISOString(),
    actions: row.actions,
    outcome: row.outcome,
    serious: row.serious,
    description: row.description,
    readingId: row.readingId,
    dismissReason: row.dismissReason,
    recordedById: row.recordedById,
    createdAt: row.createdAt.toISOString(),
    decidedById: row.decidedById,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    version: row.version,
    alertReasons:
      row.status === 'CONFIRMED' && row.grade !== null
        ? clinicianAlertReasons({ grade: row.grade, serious: row.serious })
        : [],
    alertedRecipientIds,
  };
}

/** The stored event with an edit over it, as the domain judges it (a draft's gaps left empty). */
function entryOf(row: AdverseEventRow, edit: EventEdit): AdverseEventEntry {
  const description = edit.description !== undefined ? edit.description : row.description;
  return {
    term: edit.term ?? row.term,
    grade: edit.grade ?? row.grade ?? Number.NaN,
    onsetMs: edit.onsetAt !== undefined ? Date.parse(edit.onsetAt) : row.onsetAt.getTime(),
    actions: edit.actions ?? row.actions,
    outcome: edit.outcome ?? row.outcome ?? '',
    serious: edit.serious ?? row.serious,
    ...(description ? { description } : {}),
  };
}

/** The fields an edit gives a new value, in the order the record lists them. */
function changedFields(row: AdverseEventRow, edit: EventEdit): EventField[] {
  return EVENT_FIELDS.filter((field) => {
    const value = edit[field];
    if (value === undefined) return false;
    switch (field) {
      case 'onsetAt':
        return Date.parse(value as string) !== row.onsetAt.getTime();
      case 'actions':
        return JSON.stringify(value) !== JSON.stringify(row.actions);
      default:
        return value !== row[field];
    }
  });
}

function changesOf(edit: EventEdit, fields: readonly EventField[]): AdverseEventChanges {
  const changes: AdverseEventChanges = {};
  for (const field of fields) {
    if (field === 'onsetAt') changes.onsetAt = new Date(edit.onsetAt!);
    else if (field === 'actions') changes.actions = [...edit.actions!];
    else if (field === 'description') changes.description = edit.description ?? null;
    else Object.assign(changes, { [field]: edit[field] });
  }
  return changes;
}

/** Whether a domain problem concerns a field the edit changes. */
function touches(fields: readonly EventField[], problem: AdverseEventProblem): boolean {
  const field = problem.field === 'onsetMs' ? 'onsetAt' : problem.field;
  return (fields as readonly string[]).includes(field);
}

function sameEvent(stored: AdverseEventRow, sessionId: string, entry: AdverseEventEntry): boolean {
  return (
    stored.sessionId === sessionId &&
    stored.status === 'CONFIRMED' &&
    stored.readingId === null &&
    stored.term === entry.term &&
    stored.grade === entry.grade &&
    stored.onsetAt.getTime() === entry.onsetMs &&
    JSON.stringify(stored.actions) === JSON.stringify(entry.actions) &&
    stored.outcome === entry.outcome &&
    stored.serious === entry.serious &&
    (stored.description ?? undefined) === entry.description
  );
}
