import type { Protocol } from '@cadence/domain';
import { api } from '../../../api/client';
import { unwrap } from '../../../api/problem';
import type { RequestBody, ResponseBody } from '../../../api/types';

type ProtocolDto = ResponseBody<'/api/protocols', 'get'>['items'][number];

/** One stored version of a protocol; `definition` is the domain library's `Protocol`. */
export type ProtocolRecord = Omit<ProtocolDto, 'definition'> & { definition: Protocol };

export async function listProtocols(): Promise<ProtocolRecord[]> {
  // The document types `definition` as an open object; the API stores libs/domain's Protocol there.
  return unwrap(await api.GET('/api/protocols')).items as unknown as ProtocolRecord[];
}

export type PublishProtocolBody = RequestBody<'/api/protocols', 'post'>;

export async function publishProtocol(body: PublishProtocolBody): Promise<ProtocolRecord> {
  return unwrap(await api.POST('/api/protocols', { body })) as unknown as ProtocolRecord;
}
