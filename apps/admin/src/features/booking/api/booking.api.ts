import { unwrap } from '../../../api/problem';
import { pendingApi } from '../../clinic/api/pending-contract';

export interface PlanSession {
  chairId: string;
  chairName: string;
  startsAt: string;
  endsAt: string;
}

export interface CoursePlanOption {
  sessions: PlanSession[];
  sameChair: boolean;
  sameTime: boolean;
}

export interface CourseOptionsRequest {
  patientId: string;
  protocolId: string;
  sessions?: number;
  /** Clinic-local date, YYYY-MM-DD. */
  earliest: string;
  k: number;
}

export interface BookCourseBody {
  patientId: string;
  protocolId: string;
  sessions: { chairId: string; startsAt: string; endsAt: string }[];
  baselinePainNrs?: number;
  baselinePainInterference?: number;
}

export interface CourseAppointment {
  id: string;
  sessionNumber: number;
  chairId: string | null;
  chairName?: string | null;
  startsAt: string;
  endsAt: string;
  status: string;
  kind?: string;
  version?: number;
}

export interface Course {
  id: string;
  patientId: string;
  protocolId: string;
  protocolName?: string;
  protocol?: { name: string; version?: number };
  status: string;
  sessionCount: number;
  createdAt?: string;
  cancelReason?: string | null;
  appointments: CourseAppointment[];
}

export async function findCourseOptions(body: CourseOptionsRequest): Promise<CoursePlanOption[]> {
  const result = unwrap(await pendingApi.POST('/api/courses/options', { body })) as { plans: CoursePlanOption[] };
  return result.plans;
}

export async function bookCourse(body: BookCourseBody): Promise<Course> {
  return unwrap(await pendingApi.POST('/api/courses', { body })) as Course;
}

export async function listPatientCourses(patientId: string): Promise<Course[]> {
  const result = unwrap(
    await pendingApi.GET('/api/patients/{id}/courses', { params: { path: { id: patientId } } }),
  ) as { items: Course[] } | Course[];
  return Array.isArray(result) ? result : result.items;
}

/** The patient's upcoming appointments as an iCalendar file (same-origin, session cookie). */
export function patientCalendarUrl(patientId: string): string {
  return `/api/patients/${encodeURIComponent(patientId)}/appointments.ics`;
}
