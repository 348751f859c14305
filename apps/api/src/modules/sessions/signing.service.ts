import { Inject, Injectable } from '@nestjs/common';
import { coSignRefusals, signRefusals, type SigningReason } from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import { CourseCompletion } from './course-completion';
import type { AddendumInputDto, SignDto } from './dto/record.dto';
import type { InfusionSessionDto } from './dto/session.dto';
import { SessionRecordsRepository, type SessionHead } from './session-records.repository';
import { sessionsErrors } from './sessions.errors';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

/** Refusals about where the record is (409); the others are clinical rules (422). */
const STATE_CODES: readonly SigningReason['code'][] = [
  'NOT_DISCHARGED',
  'ALREADY_SIGNED',
  'NOT_SIGNED_BY_NURSE',
  'ALREADY_CO_SIGNED',
];

function refuse(reasons: SigningReason[]): never {
  if (reasons.some((r) => STATE_CODES.includes(r.code))) throw sessionsErrors.recordNotReady(reasons);
  throw sessionsErrors.signingNotAllowed(reasons);
}

/**
 * The signed record: the nurse's signature once discharged with every adverse event settled (a
 * grade ≥ 3 or serious one seen by a clinician), the clinician's co-signature after it — which
 * completes the appointment and, with its last session, the course — and addenda to a signed
 * record. The database freezes the record from the nurse's signature on.
 */
@Injectable()
export class SigningService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly records: SessionRecordsRepository,
    private readonly views: SessionsService,
    private readonly completion: CourseCompletion,
    private readonly audit: AuditRepository,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  async sign(actor: Actor, meta: RequestMeta, id: string, dto: SignDto): Promise<InfusionSessionDto> {
    await this.transactions.withTransaction(async () => {
      const head = await this.locked(actor.clinicId, id, dto.version);
      const reasons = signRefusals({
        state: head.state,
        nurseSigned: head.nurseSignedAt !== null,
        coSigned: head.clinicianSignedAt !== null,
        adverseEvents: await this.adverseEvents(id),
      });
      if (reasons.length > 0) refuse(reasons);
      if (!(await this.sessions.sign(id, dto.version, actor.id, new Date())))
        throw sessionsErrors.stale(dto.version + 1);
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'UPDATE',
          entity: 'InfusionSession',
          entityId: id,
          patientId: head.patientId,
          fields: ['nurseSignedById', 'nurseSignedAt'],
        }),
      );
    });
    return this.views.view(actor.clinicId, id);
  }

  async coSign(actor: Actor, meta: RequestMeta, id: string, dto: SignDto): Promise<InfusionSessionDto> {
    await this.transactions.withTransaction(async () => {
      const head = await this.locked(actor.clinicId, id, dto.version);
      const reasons = coSignRefusals({
        nurseSigned: head.nurseSignedAt !== null,
        coSigned: head.clinicianSignedAt !== null,
      });
      if (reasons.length > 0) refuse(reasons);
      if (!(await this.sessions.coSign(id, dto.version, actor.id, new Date())))
        throw sessionsErrors.stale(dto.version + 1);
      await this.sessions.completeAppointment(head.appointmentId);
      await this.audit.recordMany([
        auditEntry(actor, meta, {
          action: 'UPDATE',
          entity: 'InfusionSession',
          entityId: id,
          patientId: head.patientId,
          fields: ['clinicianSignedById', 'clinicianSignedAt'],
        }),
        auditEntry(actor, meta, {
          action: 'UPDATE',
          entity: 'Appointment',
          entityId: head.appointmentId,
          patientId: head.patientId,
          fields: ['status'],
        }),
      ]);
      await this.completion.afterAppointmentClosed(actor, meta, { id: head.courseId, patientId: head.patientId });
    });
    return this.views.view(actor.clinicId, id);
  }

  /** Text added to a signed record; the record itself never changes. */
  async addAddendum(actor: Actor, meta: RequestMeta, id: string, dto: AddendumInputDto): Promise<InfusionSessionDto> {
    await this.transactions.withTransaction(async () => {
      const head = await this.records.lock(actor.clinicId, id);
      if (!head) throw sessionsErrors.notFound();
      if (!head.nurseSignedAt) throw sessionsErrors.notSignedYet();
      const addendumId = await this.sessions.addAddendum(id, actor.id, dto.text);
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'CREATE',
          entity: 'SessionAddendum',
          entityId: addendumId,
          patientId: head.patientId,
          fields: ['text'],
        }),
      );
    });
    return this.views.view(actor.clinicId, id);
  }

  private async locked(clinicId: string, id: string, version: number): Promise<SessionHead> {
    const head = await this.records.lock(clinicId, id);
    if (!head) throw sessionsErrors.notFound();
    if (head.version !== version) throw sessionsErrors.stale(head.version);
    return head;
  }

  /**
   * The session's adverse events with whether a clinician has seen each: a clinician recorded or
   * confirmed it, or a clinician read the in-app alert it raised.
   */
  private async adverseEvents(sessionId: string) {
    const events = await this.sessions.adverseEvents(sessionId);
    const readers = await this.sessions.alertReaders(events.map((e) => e.id));
    const people = [
      ...new Set([...events.flatMap((e) => [e.recordedById, e.decidedById]), ...readers.map((r) => r.recipientId)]),
    ];
    const clinicians = new Set(await this.sessions.cliniciansAmong(people.filter((p): p is string => p !== null)));
    return events.map((e) => ({
      id: e.id,
      status: e.status,
      grade: e.grade,
      serious: e.serious,
      seenByClinician:
        clinicians.has(e.recordedById) ||
        (e.decidedById !== null && clinicians.has(e.decidedById)) ||
        readers.some((r) => r.adverseEventId === e.id && clinicians.has(r.recipientId)),
    }));
  }
}
