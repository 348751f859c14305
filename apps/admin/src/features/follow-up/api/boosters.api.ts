import { api } from '../../../api/client';
import { unwrap } from '../../../api/problem';
import type { QueryParams, RequestBody, ResponseBody } from '../../../api/types';

export type BoosterQueue = ResponseBody<'/api/boosters/queue', 'get'>;
export type BoosterQueueItem = BoosterQueue['items'][number];
export type BoosterChecks = BoosterQueueItem['checks'];
export type BoosterCheck = BoosterChecks['checks'][number];
export type DismissBody = RequestBody<'/api/boosters/tasks/{id}/dismiss', 'post'>;

export type BoosterQueueQuery = QueryParams<'/api/boosters/queue', 'get'>;

export async function getBoosterQueue(query: BoosterQueueQuery): Promise<BoosterQueue> {
  return unwrap(await api.GET('/api/boosters/queue', { params: { query } }));
}

export async function dismissBoosterTask(id: string, body: DismissBody): Promise<unknown> {
  return unwrap(await api.POST('/api/boosters/tasks/{id}/dismiss', { params: { path: { id } }, body }));
}

export type BoosterApprovalBody = RequestBody<'/api/boosters/approvals', 'post'>;
export type BoosterChecksQuery = QueryParams<'/api/patients/{id}/booster-checks', 'get'>;

export async function approveBooster(body: BoosterApprovalBody): Promise<BoosterChecks> {
  return unwrap(await api.POST('/api/boosters/approvals', { body }));
}

export async function getBoosterChecks(patientId: string, query: BoosterChecksQuery): Promise<BoosterChecks> {
  return unwrap(await api.GET('/api/patients/{id}/booster-checks', { params: { path: { id: patientId }, query } }));
}
