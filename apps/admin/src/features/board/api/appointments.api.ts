import { api } from '../../../api/client';
import { unwrap } from '../../../api/problem';
import type { RequestBody, ResponseBody } from '../../../api/types';

/** One appointment as the chair board lists it; `version` guards every change. */
export type BoardAppointment = ResponseBody<'/api/appointments', 'get'>['items'][number];

const byId = (id: string) => ({ params: { path: { id } } });

export async function listAppointments(from: string, to: string): Promise<BoardAppointment[]> {
  return unwrap(await api.GET('/api/appointments', { params: { query: { from, to } } })).items;
}

export async function cancelAppointment(
  id: string,
  body: RequestBody<'/api/appointments/{id}/cancel', 'post'>,
): Promise<void> {
  unwrap(await api.POST('/api/appointments/{id}/cancel', { ...byId(id), body }));
}

export async function markNoShow(
  id: string,
  body: RequestBody<'/api/appointments/{id}/no-show', 'post'>,
): Promise<void> {
  unwrap(await api.POST('/api/appointments/{id}/no-show', { ...byId(id), body }));
}

export type RescheduleOptions = ResponseBody<'/api/appointments/{id}/reschedule-options', 'post'>;

/**
 * Other chairs and times on the session's own clinic-local day, or on `date` (YYYY-MM-DD) where the
 * protocol's pattern allows that day (otherwise a 409 PLAN_INFEASIBLE naming why), and why the day
 * offers none when a closure is the cause. `earliest` is an instant: for a session later today,
 * only times still ahead are offered.
 */
export async function rescheduleOptions(id: string, earliest: string, date?: string): Promise<RescheduleOptions> {
  return unwrap(await api.POST('/api/appointments/{id}/reschedule-options', { ...byId(id), body: { earliest, date } }));
}

export type ReplanOptionsRequest = RequestBody<'/api/courses/{id}/replan-options', 'post'>;
export type ReplanOptions = ResponseBody<'/api/courses/{id}/replan-options', 'post'>;
export type ReplanBody = RequestBody<'/api/courses/{id}/replan', 'post'>;

/** Options for re-planning a course from one session on, with the sessions that move and the rule kept. */
export async function replanOptions(courseId: string, body: ReplanOptionsRequest): Promise<ReplanOptions> {
  return unwrap(await api.POST('/api/courses/{id}/replan-options', { ...byId(courseId), body }));
}

/** Moves every session the options named to one option's chairs and times, all or nothing. */
export async function replanCourse(courseId: string, body: ReplanBody): Promise<void> {
  unwrap(await api.POST('/api/courses/{id}/replan', { ...byId(courseId), body }));
}

export async function rescheduleAppointment(
  id: string,
  body: RequestBody<'/api/appointments/{id}/reschedule', 'post'>,
): Promise<void> {
  unwrap(await api.POST('/api/appointments/{id}/reschedule', { ...byId(id), body }));
}

/** How full each clinic-local day of a month is (counts only: no patient is named). */
export type Occupancy = ResponseBody<'/api/appointments/occupancy', 'get'>;

export async function getOccupancy(month: string): Promise<Occupancy> {
  return unwrap(await api.GET('/api/appointments/occupancy', { params: { query: { month } } }));
}
