import { Injectable } from '@nestjs/common';
import {
  clinicDateOf,
  hasStarted,
  type Protocol,
  rescheduleDate,
  rescheduleProblem,
  sessionChangeProblem,
  type SessionChangeProblem,
  singleSessionProtocol,
} from '@cadence/domain';
import { DateTime } from 'luxon';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { DomainError } from '../../common/errors/domain-error';
import { auditEntry } from '../audit/audit-entry';
import { staleVersion } from '../courses/courses.service';
import type { CourseOptionsDto, VersionedReasonDto } from '../courses/dto/course.dto';
import { DAY_MS, utcInstant } from '../courses/instants';
import {
  normaliseSessions,
  pastSessions,
  planInfeasible,
  PlanningService,
  slotTaken,
} from '../courses/planning.service';
import { CoursesRepository } from '../courses/courses.repository';
import { EligibilityService } from '../screening/eligibility.service';
import {
  AppointmentsRepository,
  type AppointmentRecord,
  type BoardRecord,
  type ChangeResult,
} from './appointments.repository';
import type {
  BoardAppointmentDto,
  BoardDto,
  BoardQueryDto,
  RescheduleDto,
  RescheduleOptionsRequestDto,
  VersionDto,
} from './dto/appointment.dto';

const MAX_BOARD_DAYS = 31;

/**
 * Single appointments: the chair board, moving one session (a fresh one-session search of the
 * same protocol on the session's own clinic-local day, eligibility, the domain's re-check under
 * the booking lock), cancelling one session and recording a no-show. Moving and cancelling are
 * for sessions that have not started, of courses still booked; a started session is recorded
 * as a no-show (or completed) instead.
 */
@Injectable()
export class AppointmentsService {
  constructor(
    private readonly appointments: AppointmentsRepository,
    private readonly courses: CoursesRepository,
    private readonly planning: PlanningService,
    private readonly eligibility: EligibilityService,
  ) {}

  async board(actor: Actor, meta: RequestMeta, query: BoardQueryDto): Promise<BoardDto> {
    const from = Date.parse(query.from);
    const to = Date.parse(query.to);
    if (to <= from || to - from > MAX_BOARD_DAYS * DAY_MS) {
      throw new DomainError('VALIDATION_FAILED', `The board shows a range of up to ${MAX_BOARD_DAYS} days.`, [
        { field: 'to', rule: 'range', message: `to must be after from and at most ${MAX_BOARD_DAYS} days later` },
      ]);
    }
    const rows = await this.appointments.board(
      actor.clinicId,
      { from: new Date(from), to: new Date(to), chairId: query.chairId },
      (patientIds) =>
        patientIds.map((patientId) =>
          auditEntry(actor, meta, { action: 'SEARCH', entity: 'Appointment', patientId, fields: ['chairBoard'] }),
        ),
    );
    return { items: rows.map(toBoardDto) };
  }

  /** Other chairs and times on the session's own clinic-local day, from `earliest` if that is later the same day. */
  async rescheduleOptions(actor: Actor, id: string, dto: RescheduleOptionsRequestDto): Promise<CourseOptionsDto> {
    const now = new Date();
    const appointment = await this.changeable(actor.clinicId, id, now);
    const zone = await this.zone(actor.clinicId);
    const original = { start: appointment.startsAt.toISOString() };
    const day = rescheduleDate(original, zone);
    let earliest = day;
    if (dto.earliest) {
      const isDate = /^\d{4}-\d{2}-\d{2}$/.test(dto.earliest);
      const from = isDate ? dto.earliest : clinicDateOf(utcInstant(dto.earliest), zone);
      if (from > day) {
        const start = isDate ? DateTime.fromISO(dto.earliest, { zone }).toUTC().toISO()! : utcInstant(dto.earliest);
        throw planInfeasible(rescheduleProblem(original, { start }, zone));
      }
      if (from === day) earliest = dto.earliest;
    }
    // The search must see the whole session end (a continuous infusion runs for days); only
    // starts on the session's own day are kept, and those come first.
    const options = await this.planning.options({
      clinicId: actor.clinicId,
      patientId: appointment.patientId,
      protocol: sessionProtocol(appointment),
      earliest,
      horizonDays: 2 + Math.ceil((appointment.endsAt.getTime() - appointment.startsAt.getTime()) / DAY_MS),
      k: 5,
      excludeAppointmentId: id,
    });
    // The session's own chair and start is where it already is: not a move to offer.
    const current = (plan: (typeof options.plans)[number]) =>
      plan.sessions[0].chairId === appointment.chairId &&
      Date.parse(plan.sessions[0].startsAt) === appointment.startsAt.getTime();
    return {
      plans: options.plans.filter(
        (plan) =>
          !current(plan) && rescheduleProblem(original, { start: plan.sessions[0].startsAt }, zone).length === 0,
      ),
    };
  }

  async reschedule(actor: Actor, meta: RequestMeta, id: string, dto: RescheduleDto): Promise<BoardAppointmentDto> {
    const now = new Date();
    const appointment = await this.changeable(actor.clinicId, id, now);
    if (appointment.version !== dto.version) throw staleVersion('appointment', appointment.version);
    const { sessions, from, to } = normaliseSessions([dto]);
    const past = pastSessions(sessions, now.getTime());
    if (past.length > 0) throw planInfeasible(past);
    const zone = await this.zone(actor.clinicId);
    const otherDay = rescheduleProblem(
      { start: appointment.startsAt.toISOString() },
      { start: sessions[0].startsAt },
      zone,
    );
    if (otherDay.length > 0) throw planInfeasible(otherDay);
    const treatmentDates = this.planning.treatmentDates(sessions, zone);
    const result = await this.appointments.reschedule(
      actor.clinicId,
      id,
      { version: dto.version, ...sessions[0], patientId: appointment.patientId },
      now,
      { from, to },
      (snapshot) =>
        this.planning.recheck(snapshot, sessions, {
          protocol: sessionProtocol(appointment),
          patientId: appointment.patientId,
          excludeAppointmentId: id,
        }),
      async (db) =>
        (
          await this.eligibility.assertEligibleOn(
            actor.clinicId,
            appointment.patientId,
            treatmentDates,
            { actor, meta },
            db,
          )
        ).screeningIds,
      auditEntry(actor, meta, {
        action: 'RESCHEDULE',
        entity: 'Appointment',
        entityId: id,
        patientId: appointment.patientId,
        fields: ['chairId', 'endsAt', 'startsAt'],
      }),
    );
    return this.answer(actor.clinicId, id, result);
  }

  async cancel(actor: Actor, meta: RequestMeta, id: string, dto: VersionedReasonDto): Promise<BoardAppointmentDto> {
    const appointment = await this.existing(actor.clinicId, id);
    const result = await this.appointments.changeStatus(
      actor.clinicId,
      id,
      dto.version,
      { status: 'CANCELLED', cancelReason: dto.reason },
      new Date(),
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
    // A no-show is recorded once the session was due, never ahead of it.
    if (appointment.status === 'BOOKED' && !hasStarted({ start: appointment.startsAt.toISOString() }, now.getTime()))
      throw notStarted();
    const result = await this.appointments.changeStatus(
      actor.clinicId,
      id,
      dto.version,
      { status: 'NO_SHOW' },
      now,
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

  private async existing(clinicId: string, id: string): Promise<AppointmentRecord> {
    const appointment = await this.appointments.find(clinicId, id);
    if (!appointment) throw new DomainError('NOT_FOUND', 'No such appointment in this clinic.');
    return appointment;
  }

  /** A booked appointment that may still be moved at `now` (the repository checks again, atomically). */
  private async changeable(clinicId: string, id: string, now: Date): Promise<AppointmentRecord> {
    const appointment = await this.existing(clinicId, id);
    if (appointment.status !== 'BOOKED') throw notBooked(appointment.status);
    const problem = sessionChangeProblem(
      { start: appointment.startsAt.toISOString() },
      appointment.course.status,
      now.getTime(),
    );
    if (problem) throw tooLate(problem);
    return appointment;
  }

  private async zone(clinicId: string): Promise<string> {
    const zone = await this.courses.timezone(clinicId);
    if (!zone) throw new DomainError('NOT_FOUND', 'No such clinic.');
    return zone;
  }

  private async answer(clinicId: string, id: string, result: ChangeResult): Promise<BoardAppointmentDto> {
    if (!result.ok) {
      switch (result.reason) {
        case 'NOT_FOUND':
          throw new DomainError('NOT_FOUND', 'No such appointment in this clinic.');
        case 'NOT_BOOKED':
          throw notBooked();
        case 'STALE_VERSION':
          throw staleVersion('appointment', result.currentVersion);
        case 'TOO_LATE':
          throw tooLate(result.problem);
        case 'NOT_STARTED':
          throw notStarted();
        case 'SLOT_TAKEN':
          throw slotTaken();
        case 'INFEASIBLE':
          throw planInfeasible(result.reasons);
        case 'NOT_ELIGIBLE':
          throw result.error;
        default: {
          const unreachable: never = result;
          throw new Error(`Unhandled change result ${JSON.stringify(unreachable)}`);
        }
      }
    }
    return toBoardDto((await this.appointments.boardItem(clinicId, id))!);
  }
}

/** The protocol the appointment's course was booked under, as a one-session course. */
function sessionProtocol(appointment: AppointmentRecord): Protocol {
  return singleSessionProtocol(appointment.course.protocol.definition as unknown as Protocol);
}

function notBooked(status?: string) {
  return new DomainError(
    'INVALID_TRANSITION',
    `Only a booked appointment can change${status ? `; this one is ${status.toLowerCase().replace('_', '-')}` : ''}.`,
  );
}

function tooLate(problem: SessionChangeProblem) {
  return new DomainError('INVALID_TRANSITION', problem.message, [], { reason: problem.code });
}

function notStarted() {
  return new DomainError('INVALID_TRANSITION', 'An appointment can be marked a no-show only once it has started.');
}

function toBoardDto(a: BoardRecord): BoardAppointmentDto {
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
  };
}
