import { api } from '../../../api/client';
import { unwrap } from '../../../api/problem';
import type { AuditPage, AuditQuery } from '../../../api/types';

export async function listAuditEvents(query: AuditQuery): Promise<AuditPage> {
  return unwrap(await api.GET('/api/audit', { params: { query } }));
}
