import { api } from '../../../api/client';
import { unwrap } from '../../../api/problem';
import type { RequestBody, ResponseBody } from '../../../api/types';
import type { CoursePlanOption } from '../../booking/api/booking.api';

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

/**
 * Other chairs and times on the session's own clinic-local day (the API offers no other day).
 * `earliest` is an instant: for a session later today, only times still ahead are offered.
 */
export async function rescheduleOptions(id: string, earliest: string): Promise<CoursePlanOption[]> {
  return unwrap(await api.POST('/api/appointments/{id}/reschedule-options', { ...byId(id), body: { earliest } })).plans;
}

export async function rescheduleAppointment(
  id: string,
  body: RequestBody<'/api/appointments/{id}/reschedule', 'post'>,
): Promise<void> {
  unwrap(await api.POST('/api/appointments/{id}/reschedule', { ...byId(id), body }));
}
