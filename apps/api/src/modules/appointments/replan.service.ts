import { Inject, Injectable } from '@nestjs/common';
import {
  clinicDateOf,
  type CourseDayProblem,
  replanDateProblems,
  replanWindow,
  type ReplanCode,
  type ReplanWindow,
  isCalendarDate,
} from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { DomainError } from '../../common/errors/domain-error';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import { bookingErrors, type PlanProblem } from '../booking/booking.errors';
import { BookingService } from '../booking/booking.service';
import { utcInstant } from '../booking/instants';
import { normaliseSessions, PlanningService, storedProtocol } from '../booking/planning.service';
import { BookingsToMove } from '../clinic/bookings-to-move';
import { appointmentsErrors } from './appointments.errors';
import { AppointmentsRepository, type CourseSessions } from './appointments.repository';
import { toBoardDto } from './appointments.service';
import { courseDays } from './course-days';
import type { ReplanAnswerDto, ReplanDto, ReplanOptionsDto, ReplanOptionsRequestDto } from './dto/replan.dto';

type Window = Extract<ReplanWindow, { ok: true }>;

/** How a re-plan ended when it wrote nothing: returned, so the gate's audit row commits. */
type ReplanResult =
  { ok: true; ids: string[] } | { ok: false; error: DomainError } | { ok: false; reasons: PlanProblem[] };

/**
 * Re-planning the rest of a course from one session: a fresh search for the booked sessions from
 * n on, keeping the protocol's pattern among themselves and after the sessions kept (the domain's
 * `replanWindow`), and moving them all in one transaction under the booking lock, with the
 * eligibility gate on every new date and the domain's re-check; the exclusion constraints still
 * guard every slot. Sessions already started or recorded are never touched.
 */
@Injectable()
export class ReplanService {
  constructor(
    private readonly appointments: AppointmentsRepository,
    private readonly planning: PlanningService,
    private readonly booking: BookingService,
    private readonly audit: AuditRepository,
    @Inject(TransactionHost) private readonly transactions: Transactions,
    private readonly toMove: BookingsToMove,
  ) {}

  async options(
    actor: Actor,
    meta: RequestMeta,
    courseId: string,
    dto: ReplanOptionsRequestDto,
  ): Promise<ReplanOptionsDto> {
    const now = new Date();
    const course = await this.bookedCourse(actor.clinicId, courseId);
    const zone = await this.planning.clinicZone(actor.clinicId);
    const asked = !dto.earliest
      ? clinicDateOf(now.toISOString(), zone)
      : isCalendarDate(dto.earliest)
        ? dto.earliest
        : clinicDateOf(utcInstant(dto.earliest), zone);
    const window = windowOf(course, zone, now, dto.fromSession, asked);
    if (window instanceof DomainError) throw window;
    const plans = await this.planning.bookingOptions({
      clinicId: actor.clinicId,
      patientId: course.patientId,
      protocol: window.protocol,
      sessions: window.protocol.pattern.kind === 'WEEKDAYS' ? window.sessions : undefined,
      // An instant asked for on the first day searched keeps its time; otherwise that day's midnight.
      earliest: dto.earliest && window.searchFrom === asked ? dto.earliest : window.searchFrom,
      k: dto.k ?? 5,
      timeOfDay: dto.timeOfDay,
      weekdays: dto.weekdays,
      preferredChairId: dto.preferredChairId,
      excludeAppointmentIds: window.moving.map((s) => s.id),
    });
    await this.audit.record(
      auditEntry(actor, meta, {
        action: 'READ',
        entity: 'Course',
        entityId: courseId,
        patientId: course.patientId,
        fields: ['replanOptions'],
      }),
    );
    const byId = new Map(course.appointments.map((a) => [a.id, a]));
    return {
      moving: window.moving.map((s) => {
        const a = byId.get(s.id)!;
        return {
          appointmentId: a.id,
          sessionNumber: a.sessionNumber,
          version: a.version,
          startsAt: a.startsAt.toISOString(),
          endsAt: a.endsAt.toISOString(),
          chairName: a.chairName,
        };
      }),
      searchFrom: window.searchFrom,
      rule: window.rule,
      plans,
    };
  }

  /**
   * Moves every booked session from `fromSession` on to the chosen chairs and times, all or
   * nothing: each at the version read, each new date through the eligibility gate, the plan
   * re-checked as a course of those sessions against fresh capacity under the booking lock.
   */
  async replan(actor: Actor, meta: RequestMeta, courseId: string, dto: ReplanDto): Promise<ReplanAnswerDto> {
    const now = new Date();
    const course = await this.bookedCourse(actor.clinicId, courseId);
    const zone = await this.planning.clinicZone(actor.clinicId);
    const { sessions, from, to } = normaliseSessions(dto.sessions);
    this.planning.assertNotPast(sessions, now.getTime());
    const chosen = byStart(dto.sessions);
    const dates = chosen.map((s) => clinicDateOf(utcInstant(s.startsAt), zone));
    /** The window the chosen sessions re-plan in this state of the course, or why they cannot. */
    const check = (current: CourseSessions): { window: Window } | { refused: DomainError } => {
      const window = windowOf(current, zone, now, dto.fromSession, dates[0]);
      if (window instanceof DomainError) return { refused: window };
      const mismatch = sessionsMismatch(window, chosen, current);
      if (mismatch) return { refused: mismatch };
      const early = replanDateProblems(window, dates);
      if (early.length > 0) return { refused: bookingErrors.planInfeasible(early) };
      return { window };
    };
    const first = check(course);
    if ('refused' in first) throw first.refused;
    const treatmentDates = this.planning.treatmentDates(sessions, zone);

    const result = await this.transactions.withTransaction(async (): Promise<ReplanResult> => {
      const gate = await this.booking.lockAndGate(actor.clinicId, course.patientId, treatmentDates, { actor, meta });
      if (!gate.ok) return { ok: false, error: gate.error };
      // Under the lock: the course as it stands now, versions and all.
      const current = await this.appointments.courseSessions(actor.clinicId, courseId);
      if (!current || current.status !== 'BOOKED') return { ok: false, error: appointmentsErrors.notBooked() };
      const checked = check(current);
      if ('refused' in checked) return { ok: false, error: checked.refused };
      const { window } = checked;
      const reasons = await this.planning.recheck(actor.clinicId, { from, to }, sessions, {
        protocol: window.protocol,
        patientId: course.patientId,
        sessionCount: window.protocol.pattern.kind === 'WEEKDAYS' ? window.sessions : undefined,
        excludeAppointmentIds: window.moving.map((s) => s.id),
      });
      if (reasons.length > 0) return { ok: false, reasons };
      const moves = chosen.map((s) => ({
        id: s.appointmentId,
        version: s.version,
        chairId: s.chairId,
        startsAt: utcInstant(s.startsAt),
        endsAt: utcInstant(s.endsAt),
      }));
      for (const move of writeOrder(moves, current)) {
        const written = await this.appointments.move(actor.clinicId, move.id, move, now);
        // Sessions moved before this one are in the same transaction: throwing undoes them.
        if (!written.ok)
          throw written.reason === 'SLOT_TAKEN'
            ? bookingErrors.slotTaken()
            : appointmentsErrors.stale(move.version + 1);
      }
      const relied = await this.appointments.courseScreenings(courseId);
      const screeningIds = [...new Set([...relied, ...gate.screeningIds])];
      if (screeningIds.length !== relied.length) await this.appointments.setCourseScreenings(courseId, screeningIds);
      await this.audit.recordMany(
        moves.map((m) =>
          auditEntry(actor, meta, {
            action: 'RESCHEDULE',
            entity: 'Appointment',
            entityId: m.id,
            patientId: course.patientId,
            fields: ['chairId', 'endsAt', 'startsAt'],
          }),
        ),
      );
      return { ok: true, ids: moves.map((m) => m.id) };
    });
    if (!result.ok) throw 'error' in result ? result.error : bookingErrors.planInfeasible(result.reasons);
    const items = [];
    for (const id of result.ids) items.push((await this.appointments.boardItem(actor.clinicId, id))!);
    // One judgement over the moved sessions' whole span, as the board makes it.
    const toMove = await this.toMove.during(
      actor.clinicId,
      {
        from: new Date(Math.min(...items.map((i) => i.startsAt.getTime()))),
        to: new Date(Math.max(...items.map((i) => i.endsAt.getTime()))),
      },
      new Date(),
    );
    return { items: items.map((item) => toBoardDto(item, toMove.get(item.id))) };
  }

  private async bookedCourse(clinicId: string, courseId: string): Promise<CourseSessions> {
    const course = await this.appointments.courseSessions(clinicId, courseId);
    if (!course) throw new DomainError('NOT_FOUND', 'No such course in this clinic.');
    if (course.status !== 'BOOKED')
      throw new DomainError(
        'INVALID_TRANSITION',
        `The course is ${course.status.toLowerCase()}; only a booked course is re-planned.`,
        [],
        { reason: 'COURSE_NOT_BOOKED' },
      );
    return course;
  }
}

/** The domain's window for the course, or its refusal as the API answers it. */
function windowOf(
  course: CourseSessions,
  zone: string,
  now: Date,
  fromSession: number,
  earliest: string,
): Window | DomainError {
  const protocol = storedProtocol(course.protocolDefinition);
  const window = replanWindow(protocol, courseDays(course, zone, now), fromSession, earliest);
  return window.ok ? window : refusal(window.problems);
}

function refusal(problems: CourseDayProblem<ReplanCode>[]): DomainError {
  if (problems.some((p) => p.code === 'REPLAN_NO_SUCH_SESSION'))
    return new DomainError(
      'VALIDATION_FAILED',
      problems[0].message,
      problems.map((p) => ({ field: 'fromSession', rule: p.code, message: p.message })),
    );
  return bookingErrors.planInfeasible(problems);
}

function byStart<T extends { startsAt: string }>(sessions: readonly T[]): T[] {
  return [...sessions].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
}

/**
 * Why the chosen sessions do not name exactly the sessions re-planned, in order, at the versions
 * stored: a field error for a request that names the wrong ones, 409 for a version read before a change.
 */
function sessionsMismatch(
  window: Window,
  chosen: readonly { appointmentId: string; version: number }[],
  course: CourseSessions,
): DomainError | undefined {
  const expected = window.moving.map((s) => s.id);
  const named = chosen.map((s) => s.appointmentId);
  if (named.length !== expected.length || named.some((id, i) => id !== expected[i])) {
    const numbers = window.moving.map((s) => s.sessionNumber).join(', ');
    const message = `sessions must be the booked sessions ${numbers}, one each, in session order by start`;
    return new DomainError('VALIDATION_FAILED', message, [{ field: 'sessions', rule: 'replannedSessions', message }]);
  }
  for (const s of chosen) {
    const stored = course.appointments.find((a) => a.id === s.appointmentId)!;
    if (stored.version !== s.version) return appointmentsErrors.stale(stored.version);
  }
  return undefined;
}

/**
 * An order of writes in which no session is moved onto the time another session being moved
 * still holds (the patient's exclusion constraint checks each row as it is written). Plans that
 * keep the pattern always have one; if not, the given order stands and the constraint refuses.
 */
export function writeOrder<T extends { id: string; startsAt: string; endsAt: string }>(
  moves: readonly T[],
  course: Pick<CourseSessions, 'appointments'>,
): T[] {
  const held = new Map(
    course.appointments.filter((a) => moves.some((m) => m.id === a.id)).map((a) => [a.id, a] as const),
  );
  const overlapsHeld = (m: T) =>
    [...held.values()].some(
      (a) =>
        a.id !== m.id && Date.parse(m.startsAt) < a.endsAt.getTime() && a.startsAt.getTime() < Date.parse(m.endsAt),
    );
  const order: T[] = [];
  const left = [...moves];
  while (left.length > 0) {
    const next = left.findIndex((m) => !overlapsHeld(m));
    const [move] = left.splice(next === -1 ? 0 : next, 1);
    order.push(move);
    held.delete(move.id);
  }
  return order;
}
