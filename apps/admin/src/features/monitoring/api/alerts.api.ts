import { api } from '../../../api/client';
import { ensureOk, unwrap } from '../../../api/problem';
import type { ResponseBody } from '../../../api/types';

export type AlertInbox = ResponseBody<'/api/alerts', 'get'>;
export type StaffAlert = AlertInbox['items'][number];

export async function getAlerts(): Promise<AlertInbox> {
  return unwrap(await api.GET('/api/alerts'));
}

export async function markAlertRead(id: string): Promise<void> {
  ensureOk(await api.POST('/api/alerts/{id}/read', { params: { path: { id } } }));
}
