import { api } from '../../../api/client';
import { unwrap } from '../../../api/problem';
import type { RequestBody, ResponseBody } from '../../../api/types';

export type SessionDosing = ResponseBody<'/api/sessions/{id}/dosing', 'get'>;
export type DoseOrder = SessionDosing['orders'][number];
export type OrderBody = RequestBody<'/api/sessions/{id}/orders', 'post'>;
export type DoseEventBody = RequestBody<'/api/sessions/{id}/dose-events', 'post'>;
export type DoseLedger = ResponseBody<'/api/patients/{id}/dose-ledger', 'get'>;

const byId = (id: string) => ({ params: { path: { id } } });

export async function getDosing(sessionId: string): Promise<SessionDosing> {
  return unwrap(await api.GET('/api/sessions/{id}/dosing', byId(sessionId)));
}

export async function createOrder(sessionId: string, body: OrderBody): Promise<unknown> {
  return unwrap(await api.POST('/api/sessions/{id}/orders', { ...byId(sessionId), body }));
}

export async function recordDoseEvent(sessionId: string, body: DoseEventBody): Promise<unknown> {
  return unwrap(await api.POST('/api/sessions/{id}/dose-events', { ...byId(sessionId), body }));
}

export async function getDoseLedger(patientId: string): Promise<DoseLedger> {
  return unwrap(await api.GET('/api/patients/{id}/dose-ledger', byId(patientId)));
}
