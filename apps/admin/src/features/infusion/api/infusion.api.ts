import { api } from '../../../api/client';
import { unwrap } from '../../../api/problem';
import type { RequestBody, ResponseBody } from '../../../api/types';

export type TodayList = ResponseBody<'/api/sessions/today', 'get'>;
export type TodayItem = TodayList['items'][number];
export type InfusionSession = ResponseBody<'/api/sessions/{id}', 'get'>;
export type CheckInBody = RequestBody<'/api/appointments/{appointmentId}/check-in', 'post'>;
export type UpdateCheckInBody = RequestBody<'/api/sessions/{id}/check-in', 'put'>;
export type CheckInOverrideBody = RequestBody<'/api/sessions/{id}/check-in-override', 'post'>;
export type DischargeBody = RequestBody<'/api/sessions/{id}/discharge', 'post'>;

const session = (id: string) => ({ params: { path: { id } } });

export async function getToday(date?: string): Promise<TodayList> {
  return unwrap(await api.GET('/api/sessions/today', { params: { query: date ? { date } : {} } }));
}

export async function getSession(id: string): Promise<InfusionSession> {
  return unwrap(await api.GET('/api/sessions/{id}', session(id)));
}

export async function checkIn(appointmentId: string, body: CheckInBody): Promise<InfusionSession> {
  return unwrap(
    await api.POST('/api/appointments/{appointmentId}/check-in', { params: { path: { appointmentId } }, body }),
  );
}

export async function updateCheckIn(id: string, body: UpdateCheckInBody): Promise<InfusionSession> {
  return unwrap(await api.PUT('/api/sessions/{id}/check-in', { ...session(id), body }));
}

export async function overrideCheckIn(id: string, body: CheckInOverrideBody): Promise<InfusionSession> {
  return unwrap(await api.POST('/api/sessions/{id}/check-in-override', { ...session(id), body }));
}

export async function discharge(id: string, body: DischargeBody): Promise<InfusionSession> {
  return unwrap(await api.POST('/api/sessions/{id}/discharge', { ...session(id), body }));
}

export async function sign(id: string, version: number): Promise<InfusionSession> {
  return unwrap(await api.POST('/api/sessions/{id}/sign', { ...session(id), body: { version } }));
}

export async function coSign(id: string, version: number): Promise<InfusionSession> {
  return unwrap(await api.POST('/api/sessions/{id}/co-sign', { ...session(id), body: { version } }));
}

export async function addAddendum(id: string, text: string): Promise<unknown> {
  return unwrap(await api.POST('/api/sessions/{id}/addenda', { ...session(id), body: { text } }));
}
