import { api } from '../../../api/client';
import { unwrap } from '../../../api/problem';
import type { RequestBody, ResponseBody } from '../../../api/types';

export type CourseOptionsRequest = RequestBody<'/api/courses/options', 'post'>;
export type CourseOptionsAnswer = ResponseBody<'/api/courses/options', 'post'>;
/** A course option with why it is offered. */
export type CourseOption = CourseOptionsAnswer['plans'][number];
export type OpenCourse = CourseOptionsAnswer['openCourses'][number];
/** A plan of chairs and times, as course options and same-day moves both offer them. */
export type CoursePlanOption = ResponseBody<'/api/appointments/{id}/reschedule-options', 'post'>['plans'][number];
export type PlanSession = CoursePlanOption['sessions'][number];
export type BookCourseBody = RequestBody<'/api/courses', 'post'>;
export type Course = ResponseBody<'/api/courses', 'post'>;
export type CourseAppointment = Course['appointments'][number];

export async function findCourseOptions(body: CourseOptionsRequest): Promise<CourseOptionsAnswer> {
  return unwrap(await api.POST('/api/courses/options', { body }));
}

export async function bookCourse(body: BookCourseBody): Promise<Course> {
  return unwrap(await api.POST('/api/courses', { body }));
}

export async function listPatientCourses(patientId: string): Promise<Course[]> {
  return unwrap(await api.GET('/api/patients/{id}/courses', { params: { path: { id: patientId } } })).items;
}

/** The patient's upcoming appointments as an iCalendar file (same-origin, session cookie). */
export function patientCalendarUrl(patientId: string): string {
  return `/api/patients/${encodeURIComponent(patientId)}/appointments.ics`;
}
