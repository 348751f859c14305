import { Injectable } from '@nestjs/common';
import { HOME_PROTOCOL_RULE, hasSessionsToBook, type Protocol } from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { DomainError } from '../../common/errors/domain-error';
import { auditEntry } from '../audit/audit-entry';
import { EligibilityService } from '../screening/eligibility.service';
import { CoursesRepository, type CourseRecord } from './courses.repository';
import type {
  BookCourseDto,
  CourseDto,
  CourseListDto,
  CourseOptionsDto,
  CourseOptionsRequestDto,
  VersionedReasonDto,
} from './dto/course.dto';
import { normaliseSessions, pastSessions, planInfeasible, PlanningService, slotTaken } from './planning.service';

/**
 * Courses: options for a protocol, booking every session at once, and cancelling. The booking
 * order is: the protocol can be booked, no session is in the past, the patient is eligible on
 * every treatment day, then — in one transaction under the clinic's booking lock — the domain
 * re-checks the plan against fresh capacity and the course and appointments are written.
 */
@Injectable()
export class CoursesService {
  constructor(
    private readonly courses: CoursesRepository,
    private readonly planning: PlanningService,
    private readonly eligibility: EligibilityService,
  ) {}

  async options(actor: Actor, dto: CourseOptionsRequestDto): Promise<CourseOptionsDto> {
    const protocol = await this.bookableProtocol(actor.clinicId, dto.protocolId);
    await this.assertPatient(actor.clinicId, dto.patientId);
    return this.planning.options({
      clinicId: actor.clinicId,
      patientId: dto.patientId,
      protocol: protocol.definition,
      sessions: dto.sessions,
      earliest: dto.earliest,
      k: dto.k ?? 5,
    });
  }

  async book(actor: Actor, meta: RequestMeta, dto: BookCourseDto): Promise<CourseDto> {
    const protocol = await this.bookableProtocol(actor.clinicId, dto.protocolId);
    await this.assertPatient(actor.clinicId, dto.patientId);
    const { sessions, from, to } = normaliseSessions(dto.sessions);
    const past = pastSessions(sessions);
    if (past.length > 0) throw planInfeasible(past);
    const zone = await this.courses.timezone(actor.clinicId);
    if (!zone) throw new DomainError('NOT_FOUND', 'No such clinic.');
    const treatmentDates = this.planning.treatmentDates(sessions, zone);

    const result = await this.courses.book(
      {
        clinicId: actor.clinicId,
        patientId: dto.patientId,
        protocolId: protocol.id,
        bookedById: actor.id,
        sessionCount: sessions.length,
        baselinePainNrs: dto.baselinePainNrs,
        baselinePainInterference: dto.baselinePainInterference,
        sessions,
      },
      { from, to },
      (snapshot) =>
        this.planning.recheck(snapshot, sessions, {
          protocol: protocol.definition,
          patientId: dto.patientId,
          sessionCount: protocol.definition.pattern.kind === 'WEEKDAYS' ? sessions.length : undefined,
        }),
      async (db) =>
        (await this.eligibility.assertEligibleOn(actor.clinicId, dto.patientId, treatmentDates, { actor, meta }, db))
          .screeningIds,
      (id) =>
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
          ].sort(),
        }),
    );
    if (!result.ok) {
      if (result.reason === 'NOT_ELIGIBLE') throw result.error;
      throw result.reason === 'SLOT_TAKEN' ? slotTaken() : planInfeasible(result.reasons);
    }
    const course = await this.courses.read(actor.clinicId, result.id);
    return toCourseDto(course!);
  }

  async get(actor: Actor, meta: RequestMeta, id: string): Promise<CourseDto> {
    const course = await this.courses.readAudited(actor.clinicId, id, (patientId) =>
      auditEntry(actor, meta, { action: 'READ', entity: 'Course', entityId: id, patientId }),
    );
    if (!course) throw new DomainError('NOT_FOUND', 'No such course in this clinic.');
    return toCourseDto(course);
  }

  async forPatient(actor: Actor, meta: RequestMeta, patientId: string): Promise<CourseListDto> {
    await this.assertPatient(actor.clinicId, patientId);
    const courses = await this.courses.forPatient(
      actor.clinicId,
      patientId,
      auditEntry(actor, meta, { action: 'SEARCH', entity: 'Course', patientId }),
    );
    return { items: courses.map(toCourseDto) };
  }

  async cancel(actor: Actor, meta: RequestMeta, id: string, dto: VersionedReasonDto): Promise<CourseDto> {
    const course = await this.courses.read(actor.clinicId, id);
    if (!course) throw new DomainError('NOT_FOUND', 'No such course in this clinic.');
    const result = await this.courses.cancel(
      actor.clinicId,
      id,
      dto.version,
      dto.reason,
      new Date(),
      (appointmentIds) => [
        auditEntry(actor, meta, {
          action: 'CANCEL',
          entity: 'Course',
          entityId: id,
          patientId: course.patientId,
          fields: ['cancelReason', 'status'],
        }),
        ...appointmentIds.map((appointmentId) =>
          auditEntry(actor, meta, {
            action: 'CANCEL',
            entity: 'Appointment',
            entityId: appointmentId,
            patientId: course.patientId,
            fields: ['cancelReason', 'status'],
          }),
        ),
      ],
    );
    if (!result.ok) {
      switch (result.reason) {
        case 'NOT_FOUND':
          throw new DomainError('NOT_FOUND', 'No such course in this clinic.');
        case 'NOT_BOOKED':
          throw new DomainError(
            'INVALID_TRANSITION',
            `The course is ${course.status.toLowerCase()}; only a booked course can be cancelled.`,
          );
        case 'STALE_VERSION':
          throw staleVersion('course', result.currentVersion);
        case 'UNDER_WAY':
          throw new DomainError('INVALID_TRANSITION', result.problem.message, [], {
            reason: result.problem.code,
            appointmentIds: result.appointmentIds,
          });
      }
    }
    return toCourseDto((await this.courses.read(actor.clinicId, id))!);
  }

  /** An active protocol version of the clinic that new courses may be booked under: the newest of its key, and not a home protocol. */
  private async bookableProtocol(clinicId: string, id: string): Promise<{ id: string; definition: Protocol }> {
    const protocol = await this.courses.protocol(clinicId, id);
    if (!protocol || !protocol.active) throw new DomainError('NOT_FOUND', 'No such active protocol.');
    const latest = await this.courses.latestActiveProtocol(clinicId, protocol.key);
    if (latest && latest.id !== protocol.id) {
      const message = `${protocol.name} version ${protocol.version} has been superseded by version ${latest.version}; book the current version.`;
      throw new DomainError(
        'PROTOCOL_NOT_BOOKABLE',
        message,
        [{ field: 'protocolId', rule: 'latestVersion', message }],
        {
          reason: 'PROTOCOL_SUPERSEDED',
          currentProtocolId: latest.id,
          currentVersion: latest.version,
        },
      );
    }
    const definition = protocol.definition as unknown as Protocol;
    if (!hasSessionsToBook(definition)) {
      throw new DomainError('PROTOCOL_NOT_BOOKABLE', `${protocol.name}: ${HOME_PROTOCOL_RULE}.`);
    }
    return { id: protocol.id, definition };
  }

  private async assertPatient(clinicId: string, patientId: string) {
    if (!(await this.courses.patientExists(clinicId, patientId)))
      throw new DomainError('NOT_FOUND', 'No such patient in this clinic.');
  }
}

export function staleVersion(what: string, currentVersion: number): DomainError {
  return new DomainError(
    'STALE_VERSION',
    `This ${what} was changed by someone else since you opened it; reload and try again.`,
    [{ field: 'version', rule: 'current', message: `version must be the current version (${currentVersion})` }],
    { currentVersion },
  );
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
    createdAt: c.createdAt.toISOString(),
    version: c.version,
  };
}
