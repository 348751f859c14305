import { api } from '../../../api/client';
import { unwrap } from '../../../api/problem';
import type { QueryParams, ResponseBody } from '../../../api/types';

export type OutboxPage = ResponseBody<'/api/messages', 'get'>;
export type OutboxMessage = OutboxPage['items'][number];
export type OutboxQuery = QueryParams<'/api/messages', 'get'>;
export type MessageStatus = OutboxMessage['status'];

export async function getOutbox(query: OutboxQuery): Promise<OutboxPage> {
  return unwrap(await api.GET('/api/messages', { params: { query } }));
}

export async function markSentByHand(id: string): Promise<OutboxMessage> {
  return unwrap(await api.POST('/api/messages/{id}/sent-by-hand', { params: { path: { id } } }));
}

export async function retryMessage(id: string): Promise<OutboxMessage> {
  return unwrap(await api.POST('/api/messages/{id}/retry', { params: { path: { id } } }));
}
