import type { Protocol, ProtocolRoute, ProtocolSetting } from '@cadence/domain';
import { unwrap } from '../../../api/problem';
import { pendingApi } from '../../clinic/api/pending-contract';

/** One stored version of a protocol; `definition` is the domain library's `Protocol`. */
export interface ProtocolRecord {
  id: string;
  key: string;
  version: number;
  name: string;
  route: ProtocolRoute;
  setting: ProtocolSetting;
  definition: Protocol;
  active: boolean;
}

export async function listProtocols(): Promise<ProtocolRecord[]> {
  const page = unwrap(await pendingApi.GET('/api/protocols')) as { items: ProtocolRecord[] };
  return page.items;
}
