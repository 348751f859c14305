import { Inject, Injectable } from '@nestjs/common';
import {
  type BookingToMoveReason,
  clinicDateOf,
  closedDayProblems,
  hasStarted,
  otherDayMoveProblems,
  type Protocol,
  rescheduleDate,
  sessionChangeProblem,
  type SessionChangeProblem,
  singleSessionProtocol,
  isCalendarDate,
} from '@cadence/domain';
import { DateTime } from 'luxon';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import type { DomainError } from '../../common/errors/domain-error';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry, type AuditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import { bookingErrors, type PlanProblem } from '../booking/booking.errors';
import { BookingService } from '../booking/booking.service';
import type { VersionedReasonDto } from '../booking/dto/booking.dto';
import { DAY_MS, utcInstant } from '../booking/instants';
import { normaliseSessions, PlanningService, storedProtocol } from '../booking/planning.service';
import { BookingsToMove } from '../clinic/bookings-to-move';
import { CourseCompletion } from '../sessions/course-completion';
import { appointmentsErrors } from './appointments.errors';
import { courseDays } from './course-days';
import {
  AppointmentsRepository,
  type AppointmentRecord,
  type AppointmentState,
  type BoardRecord,
  type StatusChange,
} from './appointments.repository';
import type {
  BoardAppointmentDto,
  BoardDto,
  BoardQueryDto,
  RescheduleDto,
  RescheduleOptionsDto,
  RescheduleOptionsRequestDto,
  VersionDto,
} from './dto/appointment.dto';

const MAX_BOARD_DAYS = 31;

/** Why a change wrote nothing; returned from its transaction, so the gate's audit row commits. */
type Refusal =
  | { ok: false; reason: 'NOT_FOUND' | 'NOT_BOOKED' | 'NOT_STARTED' | 'CHECKED_IN' }
  | { ok: false; reason: 'STALE_VERSION'; currentVersion: number }
  | { ok: false; reason: 'TOO_LATE'; problem: SessionChangeProblem }
  | { ok: false; reason: 'INFEASIBLE'; reasons: PlanProblem[] }
  | { ok: false; reason: 'NOT_ELIGIBLE'; error: DomainError };

type ChangeResult = { ok: true } | Refusal;

type Change = 'MOVE' | StatusChange['status'];

/**
 * Single appointments: the chair board, moving one session (a fresh one-session search of the
 * same protocol on its own clinic-local day, or on another day where the protocol's pattern
 * allows it; eligibility on the new day; the domain's re-check under the booking lock),
 * cancelling one session and recording a no-show. Moving and cancelling are
 * for sessions that have not started, of courses still booked; a started session is recorded
 * as a no-show (or completed) instead.
 */
@Injectable()
export class AppointmentsService {
  constructor(
    private readonly appointments: AppointmentsRepository,
    private readonly planning: PlanningService,
    private readonly booking: BookingService,
    private readonly audit: AuditRepository,
    private readonly completion: CourseCompletion,
    @Inject(TransactionHost) private readonly transactions: Transactions,
    private readonly toMove: BookingsToMove,
  ) {}

  /**
   * The chair board for a range, and a SEARCH audit row per patient shown. Each booked session
   * carries why the front desk must move it, if it must (the same rules as bookings-to-move).
   */
  async board(actor: Actor, meta: RequestMeta, query: BoardQueryDto): Promise<BoardDto> {
    const from = Date.parse(query.from);
    const to = Date.parse(query.to);
    if (to <= from || to - from > MAX_BOARD_DAYS * DAY_MS) throw appointmentsErrors.boardRange(MAX_BOARD_DAYS);
    const range = { from: new Date(from), to: new Date(to) };
    // A read needs no transaction: the rows are returned only once their audit rows are written.
    const rows = await this.appointments.board(actor.clinicId, { ...range, chairId: query.chairId });
    const toMove = await this.toMove.during(actor.clinicId, range, new Date());
    await this.audit.recordMany(
      [...new Set(rows.map((r) => r.patientId))].map((patientId) =>
        auditEntry(actor, meta, { action: 'SEARCH', entity: 'Appointment', patientId, fields: ['chairBoard'] }),
      ),
    );
    return { items: rows.map((row) => toBoardDto(row, toMove.get(row.id))) };
  }

  async rescheduleOptions(actor: Actor, id: string, dto: RescheduleOptionsRequestDto): Promise<RescheduleOptionsDto> {
    const now = new Date();
    const appointment = await this.changeable(actor.clinicId, id, now);
    const zone = await this.planning.clinicZone(actor.clinicId);
    const own = rescheduleDate({ start: appointment.startsAt.toISOString() }, zone);
    const asked = isCalendarDate(dto.earliest) ? dto.earliest : undefined;
    const earliestDay = dto.earliest ? (asked ?? clinicDateOf(utcInstant(dto.earliest), zone)) : undefined;
    // The day searched: the one asked for, else a later day `earliest` names, else the session's own.
    const day = dto.date ?? (earliestDay && earliestDay > own ? earliestDay : own);
    if (day !== own) await this.assertOtherDayAllowed(actor.clinicId, appointment, day, zone, now);
    const earliest = earliestDay === day ? dto.earliest! : day;
    // The search must see the whole session end (a continuous infusion runs for days); only
    // starts on the day searched are kept, and those come first.
    const options = await this.planning.options({
      clinicId: actor.clinicId,
      patientId: appointment.patientId,
      protocol: sessionProtocol(appointment),
      earliest,
      horizonDays: 2 + Math.ceil((appointment.endsAt.getTime() - appointment.startsAt.getTime()) / DAY_MS),
      k: 5,
      excludeAppointmentIds: [id],
    });
    // The session's own chair and start is where it already is: not a move to offer.
    const current = (plan: (typeof options.plans)[number]) =>
      plan.sessions[0].chairId === appointment.chairId &&
      Date.parse(plan.sessions[0].startsAt) === appointment.startsAt.getTime();
    // The session as it would stand on the day searched (its own times there), for a closure that day.
    const shift = DateTime.fromISO(day, { zone }).diff(DateTime.fromISO(own, { zone }), 'days').days;
    const held = {
      start: DateTime.fromJSDate(appointment.startsAt).setZone(zone).plus({ days: shift }).toUTC().toISO()!,
      end: DateTime.fromJSDate(appointment.endsAt).setZone(zone).plus({ days: shift }).toUTC().toISO()!,
      resourceKind: appointment.chair?.kind ?? null,
    };
    return {
      plans: options.plans.filter(
        (plan) => !current(plan) && rescheduleDate({ start: plan.sessions[0].startsAt }, zone) === day,
      ),
      reasons: closedDayProblems(held, await this.toMove.closures(actor.clinicId), zone),
    };
  }

  /**
   * Moves a booked appointment at `version` once the domain's re-check accepts it against fresh
   * capacity under the booking lock; the course also records the screenings it now relies on. A
   * move to another day is judged against the session's neighbours in the course, under the lock.
   */
  async reschedule(actor: Actor, meta: RequestMeta, id: string, dto: RescheduleDto): Promise<BoardAppointmentDto> {
    const now = new Date();
    const appointment = await this.changeable(actor.clinicId, id, now);
    if (appointment.version !== dto.version) throw appointmentsErrors.stale(appointment.version);
    const { sessions, from, to } = normaliseSessions([dto]);
    this.planning.assertNotPast(sessions, now.getTime());
    const zone = await this.planning.clinicZone(actor.clinicId);
    const own = rescheduleDate({ start: appointment.startsAt.toISOString() }, zone);
    const day = rescheduleDate({ start: sessions[0].startsAt }, zone);
    if (day !== own) await this.assertOtherDayAllowed(actor.clinicId, appointment, day, zone, now);
    const treatmentDates = this.planning.treatmentDates(sessions, zone);
    const patientId = appointment.patientId;
    const result = await this.transactions.withTransaction(async (): Promise<ChangeResult> => {
      const gate = await this.booking.lockAndGate(actor.clinicId, patientId, treatmentDates, { actor, meta });
      if (!gate.ok) return gate;
      const early = refusal(await this.appointments.state(actor.clinicId, id), dto.version, 'MOVE', now);
      if (early) return early;
      // Under the lock no other move of the course can change the neighbours judged here.
      const pattern = day === own ? [] : await this.otherDayProblems(actor.clinicId, appointment, day, zone, now);
      if (pattern.length > 0) return { ok: false, reason: 'INFEASIBLE', reasons: pattern };
      const reasons = await this.planning.recheck(actor.clinicId, { from, to }, sessions, {
        protocol: sessionProtocol(appointment),
        patientId,
        excludeAppointmentIds: [id],
      });
      if (reasons.length > 0) return { ok: false, reason: 'INFEASIBLE', reasons };
      const moved = await this.appointments.move(actor.clinicId, id, { version: dto.version, ...sessions[0] }, now);
      if (!moved.ok) {
        if (moved.reason === 'SLOT_TAKEN') throw bookingErrors.slotTaken();
        return this.refusalAfterUpdate(actor.clinicId, id, dto.version, 'MOVE', now);
      }
      const relied = await this.appointments.courseScreenings(moved.courseId);
      const screeningIds = [...new Set([...relied, ...gate.screeningIds])];
      if (screeningIds.length !== relied.length)
        await this.appointments.setCourseScreenings(moved.courseId, screeningIds);
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'RESCHEDULE',
          entity: 'Appointment',
          entityId: id,
          patientId,
          fields: ['chairId', 'endsAt', 'startsAt'],
        }),
      );
      return { ok: true };
    });
    return this.answer(actor.clinicId, id, result);
  }

  /** Why the protocol's pattern keeps this session off `day`, judged against its course now. */
  private async otherDayProblems(
    clinicId: string,
    appointment: AppointmentRecord,
    day: string,
    zone: string,
    now: Date,
  ): Promise<PlanProblem[]> {
    const course = await this.appointments.courseSessions(clinicId, appointment.courseId);
    if (!course) return [];
    const protocol = storedProtocol(course.protocolDefinition);
    return otherDayMoveProblems(protocol, courseDays(course, zone, now), appointment.sessionNumber, day);
  }

  private async assertOtherDayAllowed(
    clinicId: string,
    appointment: AppointmentRecord,
    day: string,
    zone: string,
    now: Date,
  ): Promise<void> {
    const problems = await this.otherDayProblems(clinicId, appointment, day, zone, now);
    if (problems.length > 0) throw bookingErrors.moveInfeasible(problems);
  }

  async cancel(actor: Actor, meta: RequestMeta, id: string, dto: VersionedReasonDto): Promise<BoardAppointmentDto> {
    const appointment = await this.existing(actor.clinicId, id);
    if (appointment.session) throw appointmentsErrors.checkedIn();
    const result = await this.changeStatus(
      actor.clinicId,
      id,
      dto.version,
      { status: 'CANCELLED', cancelReason: dto.reason },
      new Date(),
      { actor, meta, course: { id: appointment.courseId, patientId: appointment.patientId } },
      auditEntry(actor, meta, {
        action: 'CANCEL',
        entity: 'Appointment',
        entityId: id,
        patientId: appointment.patientId,
        fields: ['cancelReason', 'status'],
      }),
    );
    return this.answer(actor.clinicId, id, result);
  }

  async noShow(actor: Actor, meta: RequestMeta, id: string, dto: VersionDto): Promise<BoardAppointmentDto> {
    const now = new Date();
    const appointment = await this.existing(actor.clinicId, id);
    if (appointment.session) throw appointmentsErrors.checkedIn();
    // A no-show is recorded once the session was due, never ahead of it.
    if (appointment.status === 'BOOKED' && !hasStarted({ start: appointment.startsAt.toISOString() }, now.getTime()))
      throw appointmentsErrors.notStarted();
    const result = await this.changeStatus(
      actor.clinicId,
      id,
      dto.version,
      { status: 'NO_SHOW' },
      now,
      { actor, meta, course: { id: appointment.courseId, patientId: appointment.patientId } },
      auditEntry(actor, meta, {
        action: 'NO_SHOW',
        entity: 'Appointment',
        entityId: id,
        patientId: appointment.patientId,
        fields: ['status'],
      }),
    );
    return this.answer(actor.clinicId, id, result);
  }

  /**
   * CANCELLED or NO_SHOW at `version`, with its audit row, when the appointment may take it at
   * `now`; the course is then completed if this was the last appointment open and one was completed.
   */
  private changeStatus(
    clinicId: string,
    id: string,
    version: number,
    change: StatusChange,
    now: Date,
    closing: { actor: Actor; meta: RequestMeta; course: { id: string; patientId: string } },
    audit: AuditEntry,
  ): Promise<ChangeResult> {
    return this.transactions.withTransaction(async (): Promise<ChangeResult> => {
      if (!(await this.appointments.setStatus(clinicId, id, version, change, now)))
        return this.refusalAfterUpdate(clinicId, id, version, change.status, now);
      await this.audit.record(audit);
      await this.completion.afterAppointmentClosed(closing.actor, closing.meta, closing.course);
      return { ok: true };
    });
  }

  /** Why a guarded update matched nothing; a row that reads as changeable was changed in between. */
  private async refusalAfterUpdate(
    clinicId: string,
    id: string,
    version: number,
    change: Change,
    now: Date,
  ): Promise<Refusal> {
    const state = await this.appointments.state(clinicId, id);
    return refusal(state, version, change, now) ?? { ok: false, reason: 'STALE_VERSION', currentVersion: version + 1 };
  }

  private async existing(clinicId: string, id: string): Promise<AppointmentRecord> {
    const appointment = await this.appointments.find(clinicId, id);
    if (!appointment) throw appointmentsErrors.notFound();
    return appointment;
  }

  /** A booked appointment that may still be moved at `now` (the update checks again, atomically). */
  private async changeable(clinicId: string, id: string, now: Date): Promise<AppointmentRecord> {
    const appointment = await this.existing(clinicId, id);
    if (appointment.session) throw appointmentsErrors.checkedIn();
    if (appointment.status !== 'BOOKED') throw appointmentsErrors.notBooked(appointment.status);
    const problem = sessionChangeProblem(
      { start: appointment.startsAt.toISOString() },
      appointment.course.status,
      now.getTime(),
    );
    if (problem) throw appointmentsErrors.tooLate(problem);
    return appointment;
  }

  private async answer(clinicId: string, id: string, result: ChangeResult): Promise<BoardAppointmentDto> {
    if (result.ok) {
      const item = (await this.appointments.boardItem(clinicId, id))!;
      const toMove = await this.toMove.during(clinicId, { from: item.startsAt, to: item.endsAt }, new Date());
      return toBoardDto(item, toMove.get(id));
    }
    switch (result.reason) {
      case 'NOT_FOUND':
        throw appointmentsErrors.notFound();
      case 'NOT_BOOKED':
        throw appointmentsErrors.notBooked();
      case 'STALE_VERSION':
        throw appointmentsErrors.stale(result.currentVersion);
      case 'TOO_LATE':
        throw appointmentsErrors.tooLate(result.problem);
      case 'NOT_STARTED':
        throw appointmentsErrors.notStarted();
      case 'CHECKED_IN':
        throw appointmentsErrors.checkedIn();
      case 'INFEASIBLE':
        throw bookingErrors.moveInfeasible(result.reasons);
      case 'NOT_ELIGIBLE':
        throw result.error;
      default: {
        const unreachable: never = result;
        throw new Error(`Unhandled change result ${JSON.stringify(unreachable)}`);
      }
    }
  }
}

/** Why an appointment in this state cannot take this change at `version` and `now`, or null if it can. */
function refusal(state: AppointmentState | undefined, version: number, change: Change, now: Date): Refusal | null {
  if (!state) return { ok: false, reason: 'NOT_FOUND' };
  if (state.version !== version) return { ok: false, reason: 'STALE_VERSION', currentVersion: state.version };
  if (state.checkedIn) return { ok: false, reason: 'CHECKED_IN' };
  if (state.status !== 'BOOKED') return { ok: false, reason: 'NOT_BOOKED' };
  if (change === 'NO_SHOW')
    return hasStarted({ start: state.startsAt.toISOString() }, now.getTime())
      ? null
      : { ok: false, reason: 'NOT_STARTED' };
  const problem = sessionChangeProblem({ start: state.startsAt.toISOString() }, state.courseStatus, now.getTime());
  return problem ? { ok: false, reason: 'TOO_LATE', problem } : null;
}

/** The protocol the appointment's course was booked under, as a one-session course. */
function sessionProtocol(appointment: AppointmentRecord): Protocol {
  return singleSessionProtocol(storedProtocol(appointment.course.protocol.definition));
}

export function toBoardDto(a: BoardRecord, toMove: BookingToMoveReason[] = []): BoardAppointmentDto {
  const patient = a.course.patient;
  return {
    id: a.id,
    courseId: a.courseId,
    patientId: a.patientId,
    patientName: `${patient.givenName} ${patient.familyName}`,
    mrn: patient.mrn,
    protocolName: a.course.protocol.name,
    sessionNumber: a.sessionNumber,
    sessionCount: a.course.sessionCount,
    chairId: a.chairId,
    chairName: a.chair?.name ?? null,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    status: a.status,
    kind: a.kind,
    version: a.version,
    toMove,
  };
}
