import { api } from '../../../api/client';
import { unwrap } from '../../../api/problem';
import type { RequestBody, ResponseBody } from '../../../api/types';

export type AdverseEvent = ResponseBody<'/api/sessions/{id}/adverse-events', 'get'>['items'][number];
export type AdverseEventTerms = ResponseBody<'/api/adverse-event-terms', 'get'>;
export type RecordAdverseEventBody = RequestBody<'/api/sessions/{id}/adverse-events', 'post'>;
export type ConfirmAdverseEventBody = RequestBody<'/api/adverse-events/{id}/confirm', 'post'>;

const byId = (id: string) => ({ params: { path: { id } } });

export async function listAdverseEvents(sessionId: string): Promise<AdverseEvent[]> {
  return unwrap(await api.GET('/api/sessions/{id}/adverse-events', byId(sessionId))).items;
}

export async function getAdverseEventTerms(): Promise<AdverseEventTerms> {
  return unwrap(await api.GET('/api/adverse-event-terms'));
}

export async function recordAdverseEvent(sessionId: string, body: RecordAdverseEventBody): Promise<AdverseEvent> {
  return unwrap(await api.POST('/api/sessions/{id}/adverse-events', { ...byId(sessionId), body }));
}

export async function confirmAdverseEvent(id: string, body: ConfirmAdverseEventBody): Promise<AdverseEvent> {
  return unwrap(await api.POST('/api/adverse-events/{id}/confirm', { ...byId(id), body }));
}

export async function dismissAdverseEvent(id: string, version: number, reason: string): Promise<AdverseEvent> {
  return unwrap(await api.POST('/api/adverse-events/{id}/dismiss', { ...byId(id), body: { version, reason } }));
}
