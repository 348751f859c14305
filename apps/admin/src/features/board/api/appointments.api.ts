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
 * Other chairs and times on the session's own clinic-local day (the API offers no other day), and
 * why the day offers none when a closure is the cause. `earliest` is an instant: for a session
 * later today, only times still ahead are offered.
 */
export async function rescheduleOptions(id: string, earliest: string): Promise<RescheduleOptions> {
  return unwrap(await api.POST('/api/appointments/{id}/reschedule-options', { ...byId(id), body: { earliest } }));
}

export async function rescheduleAppointment(
  id: string,
  body: RequestBody<'/api/appointments/{id}/reschedule', 'post'>,
): Promise<void> {
  unwrap(await api.POST('/api/appointments/{id}/reschedule', { ...byId(id), body }));
}
