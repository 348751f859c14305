import { api } from '../../../api/client';
import { unwrap } from '../../../api/problem';
import { wireQuery, type AuditPage, type AuditQuery } from '../../../api/types';

export async function listAuditEvents(query: AuditQuery): Promise<AuditPage> {
  return unwrap(await api.GET('/api/audit', { params: { query: wireQuery(query) } }));
}
