import { api } from '../../../api/client';
import { unwrap } from '../../../api/problem';
import type { RequestBody, ResponseBody } from '../../../api/types';

export type Flowsheet = ResponseBody<'/api/sessions/{id}/flowsheet', 'get'>;
export type FlowsheetReading = Flowsheet['readings'][number];
export type VitalsBody = RequestBody<'/api/sessions/{id}/vitals', 'post'>;

const byId = (id: string) => ({ params: { path: { id } } });

export async function getFlowsheet(sessionId: string): Promise<Flowsheet> {
  return unwrap(await api.GET('/api/sessions/{id}/flowsheet', byId(sessionId)));
}

export async function recordVitals(sessionId: string, body: VitalsBody): Promise<unknown> {
  return unwrap(await api.POST('/api/sessions/{id}/vitals', { ...byId(sessionId), body }));
}

export async function voidReading(sessionId: string, readingId: string, reason: string): Promise<unknown> {
  return unwrap(
    await api.POST('/api/sessions/{id}/vitals/{readingId}/void', {
      params: { path: { id: sessionId, readingId } },
      body: { reason },
    }),
  );
}
