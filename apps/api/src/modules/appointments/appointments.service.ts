import { Injectable } from '@nestjs/common';
import { singleSessionProtocol, type Protocol } from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { DomainError } from '../../common/errors/domain-error';
import { auditEntry } from '../audit/audit-entry';
import { staleVersion } from '../courses/courses.service';
import type { CourseOptionsDto, VersionedReasonDto } from '../courses/dto/course.dto';
import { normaliseSessions, pastSessions, planInfeasible, PlanningService, slotTaken } from '../courses/planning.service';
import { CoursesRepository } from '../courses/courses.repository';
import { EligibilityService } from '../screening/eligibility.service';
import { AppointmentsRepository, type AppointmentRecord, type BoardRecord, type ChangeResult } from './appointments.repository';
import type { BoardAppointmentDto, BoardDto, BoardQueryDto, RescheduleDto, RescheduleOptionsRequestDto, VersionDto } from './dto/appointment.dto';

const MAX_BOARD_DAYS = 31;
const DAY_MS = 86_400_000;

/**
 * Single appointments: the chair board, moving one session (a fresh one-session search of the
 * same protocol, eligibility on the new day, the domain's re-check under the booking lock),
 * cancelling one session and recording a no-show.
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
    const rows = await this.appointments.board(actor.clinicId, { from: new Date(from), to: new Date(to), chairId: query.chairId }, (patientIds) =>
      patientIds.map((patientId) => auditEntry(actor, meta, { action: 'SEARCH', entity: 'Appointment', patientId, fields: ['chairBoard'] })),
    );
    return { items: rows.map(toBoardDto) };
  }

  async rescheduleOptions(actor: Actor, id: string, dto: RescheduleOptionsRequestDto): Promise<CourseOptionsDto> {
    const appointment = await this.booked(actor.clinicId, id);
    return this.planning.options({
      clinicId: actor.clinicId,
      patientId: appointment.patientId,
      protocol: sessionProtocol(appointment),
      earliest: dto.earliest,
      k: 5,
      excludeAppointmentId: id,
    });
  }

  async reschedule(actor: Actor, meta: RequestMeta, id: string, dto: RescheduleDto): Promise<BoardAppointmentDto> {
    const appointment = await this.booked(actor.clinicId, id);
    if (appointment.version !== dto.version) throw staleVersion('appointment', appointment.version);
    const { sessions, from, to } = normaliseSessions([dto]);
    const past = pastSessions(sessions);
    if (past.length > 0) throw planInfeasible(past);
    const zone = await this.courses.timezone(actor.clinicId);
    if (!zone) throw new DomainError('NOT_FOUND', 'No such clinic.');
    const { screeningIds } = await this.eligibility.assertEligibleOn(actor.clinicId, appointment.patientId, this.planning.treatmentDates(sessions, zone));
    const result = await this.appointments.reschedule(
      actor.clinicId,
      id,
      { version: dto.version, ...sessions[0], screeningIds },
      { from, to },
      (snapshot) => this.planning.recheck(snapshot, sessions, { protocol: sessionProtocol(appointment), patientId: appointment.patientId, excludeAppointmentId: id }),
      auditEntry(actor, meta, { action: 'RESCHEDULE', entity: 'Appointment', entityId: id, patientId: appointment.patientId, fields: ['chairId', 'endsAt', 'startsAt'] }),
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
      auditEntry(actor, meta, { action: 'CANCEL', entity: 'Appointment', entityId: id, patientId: appointment.patientId, fields: ['cancelReason', 'status'] }),
    );
    return this.answer(actor.clinicId, id, result);
  }

  async noShow(actor: Actor, meta: RequestMeta, id: string, dto: VersionDto): Promise<BoardAppointmentDto> {
    const appointment = await this.existing(actor.clinicId, id);
    if (appointment.status === 'BOOKED' && appointment.startsAt.getTime() > Date.now()) {
      throw new DomainError('INVALID_TRANSITION', 'An appointment can be marked a no-show only once it has started.');
    }
    const result = await this.appointments.changeStatus(
      actor.clinicId,
      id,
      dto.version,
      { status: 'NO_SHOW' },
      auditEntry(actor, meta, { action: 'NO_SHOW', entity: 'Appointment', entityId: id, patientId: appointment.patientId, fields: ['status'] }),
    );
    return this.answer(actor.clinicId, id, result);
  }

  private async existing(clinicId: string, id: string): Promise<AppointmentRecord> {
    const appointment = await this.appointments.find(clinicId, id);
    if (!appointment) throw new DomainError('NOT_FOUND', 'No such appointment in this clinic.');
    return appointment;
  }

  private async booked(clinicId: string, id: string): Promise<AppointmentRecord> {
    const appointment = await this.existing(clinicId, id);
    if (appointment.status !== 'BOOKED') throw notBooked(appointment.status);
    return appointment;
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
        case 'SLOT_TAKEN':
          throw slotTaken();
        case 'INFEASIBLE':
          throw planInfeasible(result.reasons);
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
  return new DomainError('INVALID_TRANSITION', `Only a booked appointment can change${status ? `; this one is ${status.toLowerCase().replace('_', '-')}` : ''}.`);
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
