import { Inject, Injectable } from '@nestjs/common';
import {
  NOT_APPLICABLE,
  checkInChecks,
  checkInDecision,
  clinicDateOf,
  type CheckInCode,
  type DayOfCheck,
  type WrittenOverride,
} from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import type { DomainError } from '../../common/errors/domain-error';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import { BookingService } from '../booking/booking.service';
import { firstFacts, updatedFacts, type Recording, type StoredCheckInFacts } from './check-in-facts';
import type { CheckInDto, CheckInFactsDto, CheckInOverrideDto, UpdateCheckInDto } from './dto/check-in.dto';
import type { InfusionSessionDto } from './dto/session.dto';
import { SessionRecordsRepository } from './session-records.repository';
import { checkInSettingsOf, sessionSettingsOf } from './session-view';
import { sessionsErrors } from './sessions.errors';
import { SessionsRepository, type ClinicSettingsRow, type SessionRow } from './sessions.repository';
import { SessionsService } from './sessions.service';

type Outcome = { ok: true; sessionId: string } | { ok: false; error: DomainError };

/** The day-of fact fields a check-in request sets, for the audit row (names, never values). */
function factFields(dto: CheckInFactsDto & { recheck?: unknown }): string[] {
  const fields = [
    'bloodPressure',
    'recheck',
    'spo2',
    'weightKg',
    'pregnancy',
    'lastFoodAt',
    'lastClearFluidsAt',
    'escortArranged',
    'willDrive',
    'painBefore',
  ] as const;
  return fields.filter((f) => (dto as Record<string, unknown>)[f] !== undefined);
}

/**
 * Check-in: the eligibility gate for the clinic-local day, the day-of facts (recorded today, never
 * carried over from screening), the domain's checks and start decision, and a clinician's written
 * override of relative reasons. A failed check does not stop the check-in; it blocks the start.
 */
@Injectable()
export class CheckInService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly records: SessionRecordsRepository,
    private readonly booking: BookingService,
    private readonly views: SessionsService,
    private readonly audit: AuditRepository,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  async checkIn(actor: Actor, meta: RequestMeta, appointmentId: string, dto: CheckInDto): Promise<InfusionSessionDto> {
    const found = await this.sessions.appointmentPatient(actor.clinicId, appointmentId);
    if (!found) throw sessionsErrors.appointmentNotFound();
    const outcome = await this.transactions.withTransaction(async (): Promise<Outcome> => {
      const nowMs = Date.now();
      const clinic = (await this.sessions.clinicSettings(actor.clinicId))!;
      const today = clinicDateOf(new Date(nowMs).toISOString(), clinic.timezone);
      // The booking locks first (as every booking change takes them), then the appointment row:
      // two check-ins of one appointment queue here and the second finds the first's session.
      const gate = await this.booking.lockAndGate(actor.clinicId, found.patientId, [today], { actor, meta });
      const appointment = await this.sessions.lockAppointment(actor.clinicId, appointmentId);
      if (!appointment) throw sessionsErrors.appointmentNotFound();
      if (await this.sessions.hasSession(appointmentId)) throw sessionsErrors.alreadyCheckedIn();
      if (appointment.status !== 'BOOKED') throw sessionsErrors.notBooked(appointment.status);
      const day = clinicDateOf(appointment.startsAt.toISOString(), clinic.timezone);
      if (day !== today) throw sessionsErrors.notToday(day, today);
      const course = await this.sessions.courseOf(found.courseId);
      if (course.status !== 'BOOKED') throw sessionsErrors.courseNotBooked(course.status);
      // The gate's refusal is returned so its audit row commits.
      if (!gate.ok) return { ok: false, error: gate.error };
      await this.assertClinician(actor.clinicId, dto.supervisingClinicianId);

      const pregnancyApplies =
        (await this.sessions.pregnancyAnswer(actor.clinicId, found.patientId)) !== NOT_APPLICABLE;
      const at: Recording = { today, timezone: clinic.timezone, nowMs };
      const facts = firstFacts(dto, at, pregnancyApplies, actor.id);
      const checks = await this.checks(clinic, course.protocolId, facts);
      const sessionId = await this.sessions.create({
        clinicId: actor.clinicId,
        appointmentId,
        patientId: found.patientId,
        courseId: found.courseId,
        supervisingClinicianId: dto.supervisingClinicianId,
        checkedInById: actor.id,
        checkedInAt: new Date(nowMs),
        checkedInOn: new Date(`${today}T00:00:00Z`),
        checkInFacts: facts,
        checkInChecks: checks as unknown as object[],
        checkInCleared: checkInDecision(checks).allowed,
        weightKg: dto.weightKg ?? null,
        painBefore: dto.painBefore ?? null,
        eligibilityScreeningIds: gate.screeningIds,
      });
      if (!sessionId) throw sessionsErrors.alreadyCheckedIn();
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'CREATE',
          entity: 'InfusionSession',
          entityId: sessionId,
          patientId: found.patientId,
          fields: ['identityConfirmed', 'supervisingClinicianId', ...factFields(dto), 'checkInChecks'],
        }),
      );
      return { ok: true, sessionId };
    });
    if (!outcome.ok) throw outcome.error;
    return this.views.view(actor.clinicId, outcome.sessionId);
  }

  /**
   * Records day-of facts on a session still CHECKED_IN at `version`: a missing fact, or the recheck
   * after rest (every reading kept). The checks are worked out again; a clinician's override was
   * given on the facts as they were, so it no longer applies and is asked for again if needed.
   */
  async update(actor: Actor, meta: RequestMeta, id: string, dto: UpdateCheckInDto): Promise<InfusionSessionDto> {
    await this.transactions.withTransaction(async () => {
      const row = await this.checkedIn(actor.clinicId, id, dto.version);
      const nowMs = Date.now();
      const clinic = (await this.sessions.clinicSettings(actor.clinicId))!;
      const today = row.checkedInOn.toISOString().slice(0, 10);
      if (clinicDateOf(new Date(nowMs).toISOString(), clinic.timezone) !== today)
        throw sessionsErrors.notToday(today, clinicDateOf(new Date(nowMs).toISOString(), clinic.timezone));
      if (dto.supervisingClinicianId) await this.assertClinician(actor.clinicId, dto.supervisingClinicianId);
      const facts = updatedFacts(row.checkInFacts as unknown as StoredCheckInFacts, dto, {
        today,
        timezone: clinic.timezone,
        nowMs,
      });
      const course = await this.sessions.courseOf(row.courseId);
      const checks = await this.checks(clinic, course.protocolId, facts);
      await this.write(row, dto.version, {
        supervisingClinicianId: dto.supervisingClinicianId ?? row.supervisingClinicianId,
        checkInFacts: facts,
        checkInChecks: checks as unknown as object[],
        checkInCleared: checkInDecision(checks).allowed,
        weightKg: dto.weightKg ?? (row.weightKg ? row.weightKg.toNumber() : null),
        painBefore: dto.painBefore ?? row.painBefore,
        checkInOverrideById: null,
        checkInOverrideReason: null,
        checkInOverrideAccepts: [],
      });
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'UPDATE',
          entity: 'InfusionSession',
          entityId: id,
          patientId: row.patientId,
          fields: [
            ...(dto.supervisingClinicianId ? ['supervisingClinicianId'] : []),
            ...factFields(dto),
            'checkInChecks',
          ],
        }),
      );
    });
    return this.views.view(actor.clinicId, id);
  }

  /**
   * A clinician's written override of named RELATIVE reasons standing today. Naming an ABSOLUTE
   * reason, or one that is not standing, refuses the whole override: absolute reasons always stand.
   */
  async override(actor: Actor, meta: RequestMeta, id: string, dto: CheckInOverrideDto): Promise<InfusionSessionDto> {
    await this.transactions.withTransaction(async () => {
      const row = await this.checkedIn(actor.clinicId, id, dto.version);
      const checks = row.checkInChecks as unknown as DayOfCheck[];
      const reasons = checks.flatMap((c) => c.reasons);
      const refused = dto.accepts.flatMap((code) => {
        const found = reasons.find((r) => r.code === code);
        if (!found) return [{ code, ruleId: 'check-in.override', message: `${code} is not among today's reasons` }];
        if (found.severity === 'ABSOLUTE')
          return [{ code, ruleId: found.ruleId, message: `${found.message} (absolute: no override lifts it)` }];
        return [];
      });
      if (refused.length > 0) throw sessionsErrors.overrideNotAllowed(refused);
      const override: WrittenOverride<CheckInCode> = { by: actor.id, reason: dto.reason, accepts: dto.accepts };
      await this.write(row, dto.version, {
        supervisingClinicianId: row.supervisingClinicianId,
        checkInFacts: row.checkInFacts as object,
        checkInChecks: checks as unknown as object[],
        checkInCleared: checkInDecision(checks, override).allowed,
        weightKg: row.weightKg ? row.weightKg.toNumber() : null,
        painBefore: row.painBefore,
        checkInOverrideById: actor.id,
        checkInOverrideReason: dto.reason,
        checkInOverrideAccepts: [...dto.accepts],
      });
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'UPDATE',
          entity: 'InfusionSession',
          entityId: id,
          patientId: row.patientId,
          fields: ['checkInOverrideReason', 'checkInOverrideAccepts'],
        }),
      );
    });
    return this.views.view(actor.clinicId, id);
  }

  /** The session locked, at `version` and still CHECKED_IN. */
  private async checkedIn(clinicId: string, id: string, version: number): Promise<SessionRow> {
    const head = await this.records.lock(clinicId, id);
    if (!head) throw sessionsErrors.notFound();
    if (head.version !== version) throw sessionsErrors.stale(head.version);
    if (head.state !== 'CHECKED_IN') throw sessionsErrors.checkInClosed(head.state);
    return (await this.sessions.find(clinicId, id))!;
  }

  private async write(row: SessionRow, version: number, change: Parameters<SessionsRepository['updateCheckIn']>[2]) {
    // Under the row lock the version cannot have moved; the guarded update says so once more.
    if (!(await this.sessions.updateCheckIn(row.id, version, change))) throw sessionsErrors.stale(version + 1);
  }

  private async checks(clinic: ClinicSettingsRow, protocolId: string, facts: StoredCheckInFacts) {
    const definition = await this.sessions.protocolDefinition(protocolId);
    return checkInChecks(facts, checkInSettingsOf(clinic, sessionSettingsOf(clinic, definition)));
  }

  private async assertClinician(clinicId: string, userId: string) {
    if (!(await this.sessions.isActiveClinician(clinicId, userId)))
      throw sessionsErrors.notClinician('supervisingClinicianId');
  }
}
