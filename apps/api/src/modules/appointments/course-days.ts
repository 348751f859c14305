import { clinicDateOf, type CourseSessionDay, hasStarted } from '@cadence/domain';
import type { CourseSessions } from './appointments.repository';

/** A course's appointments as the domain's day rules read them, on the clinic's calendar at `now`. */
export function courseDays(course: CourseSessions, zone: string, now: Date): CourseSessionDay[] {
  return course.appointments.map((a) => ({
    id: a.id,
    sessionNumber: a.sessionNumber,
    date: clinicDateOf(a.startsAt.toISOString(), zone),
    status: a.status,
    started: a.checkedIn || hasStarted({ start: a.startsAt.toISOString() }, now.getTime()),
  }));
}
