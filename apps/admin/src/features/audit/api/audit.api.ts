import { api } from '../../../api/client';
import { unwrap } from '../../../api/problem';
import type { AccessReport, AccessReportQuery, AuditPage, AuditQuery } from '../../../api/types';

export async function listAuditEvents(query: AuditQuery): Promise<AuditPage> {
  return unwrap(await api.GET('/api/audit', { params: { query } }));
}

export async function getAccessReport(patientId: string, query: AccessReportQuery): Promise<AccessReport> {
  return unwrap(await api.GET('/api/audit/patients/{patientId}/access', { params: { path: { patientId }, query } }));
}
