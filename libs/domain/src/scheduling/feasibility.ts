/**
 * Independent re-check of a chosen plan, as the API does at booking time: the bookings may have
 * changed since the search, and a plan may have been edited by hand. Every broken rule is
 * reported, each with a machine-readable code, the session it concerns and a sentence.
 */
import { DateTime } from 'luxon';
import { type ClinicCapacity, type ExistingAppointment, SlotSearchError } from './clinic';
import { type CoursePlan, type CourseShape, resolveCourseShape } from './course';
import type { Protocol } from './protocol';
import { referenceChecks } from './reference-checks';

export type PlanFeasibilityCode =
  | 'PROTOCOL_NOT_BOOKABLE'
  | 'SESSION_COUNT'
  | 'INVALID_INSTANT'
  | 'SESSION_LENGTH'
  | 'UNKNOWN_RESOURCE'
  | 'RESOURCE_INACTIVE'
  | 'WRONG_RESOURCE_KIND'
  | 'CLINIC_CLOSED'
  | 'OUTSIDE_OPENING_HOURS'
  | 'PATTERN_BROKEN'
  | 'RESOURCE_BUSY'
  | 'PATIENT_BUSY'
  | 'PATIENT_SAME_DAY'
  | 'NURSE_CAPACITY';

export interface PlanFeasibilityReason {
  code: PlanFeasibilityCode;
  /** Zero-based session the reason concerns; absent for the plan as a whole. */
  sessionIndex?: number;
  message: string;
}

export interface PlanFeasibility {
  feasible: boolean;
  reasons: PlanFeasibilityReason[];
}

export interface PlanFeasibilityContext {
  protocol: Protocol;
  /** Session count chosen at booking (WEEKDAYS); defaults to the plan's own count. */
  sessions?: number;
  clinic: ClinicCapacity;
  /** Live bookings, not including this plan's own sessions. */
  existing: readonly ExistingAppointment[];
  patientId: string;
}

export function isPlanFeasible(plan: Pick<CoursePlan, 'sessions'>, ctx: PlanFeasibilityContext): PlanFeasibility {
  const reasons: PlanFeasibilityReason[] = [];
  const fail = (code: PlanFeasibilityCode, message: string, sessionIndex?: number) =>
    reasons.push(sessionIndex === undefined ? { code, message } : { code, sessionIndex, message });

  let shape: CourseShape;
  try {
    const count = ctx.sessions ?? (ctx.protocol.pattern.kind === 'WEEKDAYS' ? plan.sessions.length : undefined);
    shape = resolveCourseShape(ctx.protocol, count);
  } catch (err) {
    if (!(err instanceof SlotSearchError)) throw err;
    fail(err.code === 'INVALID_REQUEST' ? 'SESSION_COUNT' : 'PROTOCOL_NOT_BOOKABLE', err.message);
    return { feasible: false, reasons };
  }
  const expected = shape.kind === 'CONTINUOUS' ? 1 : shape.sessions;
  if (plan.sessions.length !== expected) {
    fail('SESSION_COUNT', `${ctx.protocol.name} needs ${expected} session(s); the plan has ${plan.sessions.length}`);
    return { feasible: false, reasons };
  }

  const zone = ctx.clinic.timeZone;
  const check = referenceChecks(ctx.clinic, ctx.existing);
  const byId = new Map(ctx.clinic.resources.map((r) => [r.id, r]));
  const chairSide = shape.kind === 'DAYS';
  const dates: (DateTime | undefined)[] = [];

  plan.sessions.forEach((session, i) => {
    const s = Date.parse(session.start);
    const e = Date.parse(session.end);
    if (!Number.isFinite(s) || !Number.isFinite(e)) {
      fail('INVALID_INSTANT', `session ${i + 1} has an unreadable start or end`, i);
      dates.push(undefined);
      return;
    }
    const date = check.localDate(s);
    dates.push(date);
    const label = `session ${i + 1} (${DateTime.fromMillis(s, { zone }).toFormat('ccc d LLL yyyy HH:mm')} local)`;
    if (e - s !== shape.minutes * 60_000) {
      fail('SESSION_LENGTH', `${label} lasts ${(e - s) / 60_000} min; the protocol books ${shape.minutes} min`, i);
    }
    const resource = byId.get(session.resourceId);
    if (!resource) fail('UNKNOWN_RESOURCE', `${label} is on an unknown chair or bed "${session.resourceId}"`, i);
    else {
      if (resource.active === false) fail('RESOURCE_INACTIVE', `${label}: ${resource.id} is out of service`, i);
      if (resource.kind !== shape.resourceKind) {
        fail(
          'WRONG_RESOURCE_KIND',
          `${label}: ${ctx.protocol.name} needs a ${shape.resourceKind.toLowerCase()}, not a ${resource.kind.toLowerCase()}`,
          i,
        );
      }
    }
    if (chairSide) {
      const windows = check.openingWindows(date);
      if (!check.isWorkingDate(date)) fail('CLINIC_CLOSED', `${label}: the clinic is closed that day`, i);
      else if (!windows.some(([open, close]) => open <= s && e <= close)) {
        fail('OUTSIDE_OPENING_HOURS', `${label} does not fit inside one opening window`, i);
      }
    }
    if (check.resourceBusy(session.resourceId, s, e))
      fail('RESOURCE_BUSY', `${label}: ${session.resourceId} is already booked`, i);
    if (check.patientBusy(ctx.patientId, s, e))
      fail('PATIENT_BUSY', `${label} clashes with the patient's other bookings`, i);
    else if (e > s && check.patientSameDay(ctx.patientId, s, e))
      fail('PATIENT_SAME_DAY', `${label}: the patient already has another appointment that day`, i);
    if (chairSide && !check.nurseRoom(s, e)) {
      fail('NURSE_CAPACITY', `${label}: not enough nurses on duty for another infusion`, i);
    }
  });

  if (shape.kind === 'DAYS' && dates.every((d) => d)) {
    for (let i = 1; i < dates.length; i++) {
      const prev = dates[i - 1]!;
      let want: DateTime;
      if (shape.rule === 'WEEKDAYS') {
        want = prev.plus({ days: 1 });
        // Bounded: a clinic with no working weekday for a year has no next session to find.
        for (let n = 0; n < 370 && !(want.weekday <= 5 && check.isWorkingDate(want)); n++)
          want = want.plus({ days: 1 });
      } else {
        want = prev.plus({ days: shape.everyDays });
      }
      if (!dates[i]!.hasSame(want, 'day')) {
        fail('PATTERN_BROKEN', `session ${i + 1} should be on ${want.toISODate()}, not ${dates[i]!.toISODate()}`, i);
      }
    }
    if (shape.rule === 'WEEKDAYS' && dates[0]!.weekday > 5) {
      fail('PATTERN_BROKEN', 'a weekday course cannot start at the weekend', 0);
    }
  }
  return { feasible: reasons.length === 0, reasons };
}
