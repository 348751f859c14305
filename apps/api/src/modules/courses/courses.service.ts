import { Inject, Injectable } from '@nestjs/common';
import {
  clinicDateOf,
  courseCancellation,
  hasSessionsToBook,
  openCourseWarnings,
  type BoosterCode,
  type OverrideOutcome,
  type Protocol,
  type SessionChangeProblem,
  isCalendarDate,
} from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import type { DomainError } from '../../common/errors/domain-error';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import { bookingErrors, type PlanProblem } from '../booking/booking.errors';
import { BookingService } from '../booking/booking.service';
import type { VersionedReasonDto } from '../booking/dto/booking.dto';
import { normaliseSessions, PlanningService, storedProtocol } from '../booking/planning.service';
import { BoosterFactsService } from '../boosters/booster-facts.service';
import { boostersErrors } from '../boosters/boosters.errors';
import { toChecksDto } from '../boosters/boosters.mapper';
import { BoostersRepository } from '../boosters/boosters.repository';
import { coursesErrors } from './courses.errors';
import { CoursesRepository, type CourseRecord } from './courses.repository';
import type {
  BookCourseDto,
  CourseDto,
  CourseListDto,
  CourseOptionsAnswerDto,
  CourseOptionsRequestDto,
} from './dto/course.dto';

/** How a booking transaction ended when it wrote nothing: returned, so the gate's audit row commits. */
type BookResult =
  | { ok: true; id: string }
  | { ok: false; reason: 'INFEASIBLE'; reasons: PlanProblem[] }
  | { ok: false; reason: 'NOT_ELIGIBLE'; error: DomainError }
  | { ok: false; reason: 'BOOSTER_REFUSED'; decision: OverrideOutcome<BoosterCode> };

type CancelResult =
  | { ok: true }
  | { ok: false; reason: 'NOT_FOUND' }
  | { ok: false; reason: 'NOT_BOOKED'; status: string }
  | { ok: false; reason: 'STALE_VERSION'; currentVersion: number }
  | { ok: false; reason: 'UNDER_WAY'; problem: SessionChangeProblem; appointmentIds: string[] };

/**
 * Courses: options for a protocol, booking every session at once, and cancelling. The booking
 * order is: the protocol can be booked, no session is in the past, then — in one transaction —
 * the clinic's booking lock, the eligibility gate on every treatment day under the patient's lock,
 * the domain's re-check of the plan against fresh capacity, and the course and appointments written.
 * A booster (`boosterOfCourseId`) is booked on this same path: after the gate, under the same
 * locks, its checks are assembled again from what is committed and must allow it (a clinician's
 * cited approval accepting only relative reasons); its appointments are kind BOOSTER and the open
 * booster task of the course it follows is marked BOOKED.
 */
@Injectable()
export class CoursesService {
  constructor(
    private readonly courses: CoursesRepository,
    private readonly planning: PlanningService,
    private readonly booking: BookingService,
    private readonly boosterFacts: BoosterFactsService,
    private readonly boosters: BoostersRepository,
    private readonly audit: AuditRepository,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  /**
   * Options for a protocol, with the patient's courses already booked or under way (a read of
   * their record, audited); for a booster, searched from the first day its policy allows, with
   * its checks on the first plan's first day (an answer, not a promise: the booking checks again).
   */
  async options(actor: Actor, meta: RequestMeta, dto: CourseOptionsRequestDto): Promise<CourseOptionsAnswerDto> {
    const protocol = await this.bookableProtocol(actor.clinicId, dto.protocolId);
    await this.assertPatient(actor.clinicId, dto.patientId);
    const query = {
      clinicId: actor.clinicId,
      patientId: dto.patientId,
      protocol: protocol.definition,
      sessions: dto.sessions,
      earliest: dto.earliest,
      k: dto.k ?? 5,
      timeOfDay: dto.timeOfDay,
      weekdays: dto.weekdays,
      preferredChairId: dto.preferredChairId,
    };
    const openCourses = openCourseWarnings(await this.courses.bookedCourses(actor.clinicId, dto.patientId), Date.now());
    await this.audit.record(
      auditEntry(actor, meta, { action: 'READ', entity: 'Course', patientId: dto.patientId, fields: ['openCourses'] }),
    );
    if (!dto.boosterOfCourseId) return { plans: await this.planning.bookingOptions(query), openCourses };
    const booster = {
      patientId: dto.patientId,
      protocolId: protocol.id,
      courseId: dto.boosterOfCourseId,
      courseField: 'boosterOfCourseId',
    };
    const soonest = await this.boosterFacts.assess(actor.clinicId, { ...booster, applyLatestApproval: true });
    const zone = await this.planning.clinicZone(actor.clinicId);
    const requested = isCalendarDate(dto.earliest) ? dto.earliest : clinicDateOf(dto.earliest, zone);
    const plans = await this.planning.bookingOptions({
      ...query,
      earliest: soonest.on > requested ? soonest.on : dto.earliest,
    });
    const first = plans[0]?.sessions[0];
    const firstDay = first ? clinicDateOf(first.startsAt, zone) : soonest.on;
    const view =
      firstDay === soonest.on
        ? soonest
        : await this.boosterFacts.assess(actor.clinicId, { ...booster, on: firstDay, applyLatestApproval: true });
    await this.audit.record(
      auditEntry(actor, meta, {
        action: 'READ',
        entity: 'BoosterChecks',
        patientId: dto.patientId,
        fields: ['options'],
      }),
    );
    return { plans, openCourses, booster: toChecksDto(view) };
  }

  async book(actor: Actor, meta: RequestMeta, dto: BookCourseDto): Promise<CourseDto> {
    const protocol = await this.bookableProtocol(actor.clinicId, dto.protocolId);
    await this.assertPatient(actor.clinicId, dto.patientId);
    const { sessions, from, to } = normaliseSessions(dto.sessions);
    this.planning.assertNotPast(sessions);
    const zone = await this.planning.clinicZone(actor.clinicId);
    const treatmentDates = this.planning.treatmentDates(sessions, zone);
    if (dto.boosterApprovalId && !dto.boosterOfCourseId) throw coursesErrors.approvalWithoutBooster();

    const result = await this.transactions.withTransaction(async (): Promise<BookResult> => {
      const gate = await this.booking.lockAndGate(actor.clinicId, dto.patientId, treatmentDates, { actor, meta });
      if (!gate.ok) return gate;
      // Under the patient's lock no other booking of theirs (a booster counted against the year)
      // and no screening change can come between these checks and the write.
      const booster = dto.boosterOfCourseId
        ? await this.boosterFacts.assess(actor.clinicId, {
            patientId: dto.patientId,
            protocolId: protocol.id,
            courseId: dto.boosterOfCourseId,
            courseField: 'boosterOfCourseId',
            on: treatmentDates[0],
            approvalId: dto.boosterApprovalId,
          })
        : undefined;
      if (booster && !booster.decision.allowed) {
        await this.audit.record(
          auditEntry(actor, meta, {
            action: 'READ',
            entity: 'BoosterChecks',
            patientId: dto.patientId,
            fields: ['booking'],
          }),
        );
        return { ok: false, reason: 'BOOSTER_REFUSED', decision: booster.decision };
      }
      const reasons = await this.planning.recheck(actor.clinicId, { from, to }, sessions, {
        protocol: protocol.definition,
        patientId: dto.patientId,
        sessionCount: protocol.definition.pattern.kind === 'WEEKDAYS' ? sessions.length : undefined,
      });
      if (reasons.length > 0) return { ok: false, reason: 'INFEASIBLE', reasons };
      const id = await this.courses.create({
        clinicId: actor.clinicId,
        patientId: dto.patientId,
        protocolId: protocol.id,
        bookedById: actor.id,
        sessionCount: sessions.length,
        baselinePainNrs: dto.baselinePainNrs,
        baselinePainInterference: dto.baselinePainInterference,
        eligibilityScreeningIds: gate.screeningIds,
        sessions,
        boosterOfCourseId: dto.boosterOfCourseId,
        boosterApprovalId: booster?.approval?.id,
      });
      if (!id) throw bookingErrors.slotTaken();
      const taskId = dto.boosterOfCourseId
        ? await this.boosters.bookTask(actor.clinicId, dto.boosterOfCourseId, id, actor.id, new Date())
        : undefined;
      if (taskId)
        await this.audit.record(
          auditEntry(actor, meta, {
            action: 'UPDATE',
            entity: 'BoosterTask',
            entityId: taskId,
            patientId: dto.patientId,
            fields: ['bookedCourseId', 'decidedAt', 'decidedById', 'status'],
          }),
        );
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'BOOK',
          entity: 'Course',
          entityId: id,
          patientId: dto.patientId,
          fields: [
            'appointments',
            'eligibilityScreeningIds',
            'protocolId',
            'sessionCount',
            ...(dto.baselinePainNrs !== undefined ? ['baselinePainNrs'] : []),
            ...(dto.baselinePainInterference !== undefined ? ['baselinePainInterference'] : []),
            ...(dto.boosterOfCourseId ? ['boosterOfCourseId'] : []),
            ...(booster?.approval ? ['boosterApprovalId'] : []),
          ].sort(),
        }),
      );
      return { ok: true, id };
    });
    if (result.ok) return toCourseDto((await this.courses.read(actor.clinicId, result.id))!);
    switch (result.reason) {
      case 'NOT_ELIGIBLE':
        throw result.error;
      case 'INFEASIBLE':
        throw bookingErrors.planInfeasible(result.reasons);
      case 'BOOSTER_REFUSED':
        throw boostersErrors.refused(
          result.decision.standing,
          result.decision.accepted,
          result.decision.overrideProblem,
        );
      default: {
        const unreachable: never = result;
        throw new Error(`Unhandled booking result ${JSON.stringify(unreachable)}`);
      }
    }
  }

  /**
   * A course, with its READ audit row written only when the course is returned. Reads need no
   * transaction: the row is written after the read and before the answer, so a failed write
   * answers nothing.
   */
  async get(actor: Actor, meta: RequestMeta, id: string): Promise<CourseDto> {
    const course = await this.courses.read(actor.clinicId, id);
    if (!course) throw coursesErrors.notFound();
    await this.audit.record(
      auditEntry(actor, meta, { action: 'READ', entity: 'Course', entityId: id, patientId: course.patientId }),
    );
    return toCourseDto(course);
  }

  async forPatient(actor: Actor, meta: RequestMeta, patientId: string): Promise<CourseListDto> {
    await this.assertPatient(actor.clinicId, patientId);
    const courses = await this.courses.forPatient(actor.clinicId, patientId);
    await this.audit.record(auditEntry(actor, meta, { action: 'SEARCH', entity: 'Course', patientId }));
    return { items: courses.map(toCourseDto) };
  }

  /**
   * Cancels a booked course at `version` and its sessions that have not started, with audit rows.
   * The course changes only while no session of it is under way; sessions already over are left
   * for completion or no-show.
   */
  async cancel(actor: Actor, meta: RequestMeta, id: string, dto: VersionedReasonDto): Promise<CourseDto> {
    const now = new Date();
    const result = await this.transactions.withTransaction(async (): Promise<CancelResult> => {
      const done = await this.courses.cancelIfIdle(actor.clinicId, id, dto.version, dto.reason, now);
      const current = await this.courses.cancellationState(actor.clinicId, id);
      if (!current) return { ok: false, reason: 'NOT_FOUND' };
      const plan = courseCancellation(current.appointments, now.getTime());
      if (!done) {
        if (current.version !== dto.version)
          return { ok: false, reason: 'STALE_VERSION', currentVersion: current.version };
        if (current.status !== 'BOOKED') return { ok: false, reason: 'NOT_BOOKED', status: current.status };
        if (plan.problem)
          return { ok: false, reason: 'UNDER_WAY', problem: plan.problem, appointmentIds: plan.underWay };
        // Changed between the update and the read: someone else's write won.
        return { ok: false, reason: 'STALE_VERSION', currentVersion: current.version };
      }
      const appointmentIds = await this.courses.cancelAppointments(id, plan.cancel, dto.reason, now);
      const cancelled = (entity: string, entityId: string) =>
        auditEntry(actor, meta, {
          action: 'CANCEL',
          entity,
          entityId,
          patientId: current.patientId,
          fields: ['cancelReason', 'status'],
        });
      await this.audit.recordMany([
        cancelled('Course', id),
        ...appointmentIds.map((appointmentId) => cancelled('Appointment', appointmentId)),
      ]);
      return { ok: true };
    });
    if (result.ok) return toCourseDto((await this.courses.read(actor.clinicId, id))!);
    switch (result.reason) {
      case 'NOT_FOUND':
        throw coursesErrors.notFound();
      case 'NOT_BOOKED':
        throw coursesErrors.notBooked(result.status);
      case 'STALE_VERSION':
        throw coursesErrors.stale(result.currentVersion);
      case 'UNDER_WAY':
        throw coursesErrors.underWay(result.problem, result.appointmentIds);
      default: {
        const unreachable: never = result;
        throw new Error(`Unhandled cancel result ${JSON.stringify(unreachable)}`);
      }
    }
  }

  /** An active protocol version of the clinic that new courses may be booked under: the newest of its key, and not a home protocol. */
  private async bookableProtocol(clinicId: string, id: string): Promise<{ id: string; definition: Protocol }> {
    const protocol = await this.courses.protocol(clinicId, id);
    if (!protocol || !protocol.active) throw coursesErrors.protocolNotFound();
    const latest = await this.courses.latestActiveProtocol(clinicId, protocol.key);
    if (latest && latest.id !== protocol.id) throw coursesErrors.protocolSuperseded(protocol, latest);
    const definition = storedProtocol(protocol.definition);
    if (!hasSessionsToBook(definition)) throw coursesErrors.homeProtocol(protocol.name);
    return { id: protocol.id, definition };
  }

  private async assertPatient(clinicId: string, patientId: string) {
    if (!(await this.courses.patientExists(clinicId, patientId))) throw coursesErrors.patientNotFound();
  }
}

export function toCourseDto(c: CourseRecord): CourseDto {
  return {
    id: c.id,
    patientId: c.patientId,
    protocol: c.protocol,
    status: c.status,
    sessionCount: c.sessionCount,
    appointments: c.appointments.map((a) => ({
      id: a.id,
      sessionNumber: a.sessionNumber,
      chairId: a.chairId,
      chairName: a.chair?.name ?? null,
      startsAt: a.startsAt.toISOString(),
      endsAt: a.endsAt.toISOString(),
      status: a.status,
      kind: a.kind,
      cancelReason: a.cancelReason,
      version: a.version,
    })),
    eligibilityScreeningIds: c.eligibilityScreeningIds,
    baselinePainNrs: c.baselinePainNrs,
    baselinePainInterference: c.baselinePainInterference,
    cancelReason: c.cancelReason,
    boosterOfCourseId: c.boosterOfCourseId,
    boosterApprovalId: c.boosterApprovalId,
    createdAt: c.createdAt.toISOString(),
    version: c.version,
  };
}
