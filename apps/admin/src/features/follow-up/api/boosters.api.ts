import { api } from '../../../api/client';
import { unwrap } from '../../../api/problem';
import type { RequestBody, ResponseBody } from '../../../api/types';

export type BoosterQueue = ResponseBody<'/api/boosters/queue', 'get'>;
export type BoosterQueueItem = BoosterQueue['items'][number];
export type BoosterChecks = BoosterQueueItem['checks'];
export type BoosterCheck = BoosterChecks['checks'][number];
export type DismissBody = RequestBody<'/api/boosters/tasks/{id}/dismiss', 'post'>;

export async function getBoosterQueue(): Promise<BoosterQueue> {
  return unwrap(await api.GET('/api/boosters/queue'));
}

export async function dismissBoosterTask(id: string, body: DismissBody): Promise<unknown> {
  return unwrap(await api.POST('/api/boosters/tasks/{id}/dismiss', { params: { path: { id } }, body }));
}
