import type { Actor, RequestMeta } from '../../common/auth/current-user';

export type AuditAction =
  | 'READ'
  | 'SEARCH'
  | 'CREATE'
  | 'UPDATE'
  | 'DELETE'
  | 'DEACTIVATE'
  | 'LOGIN'
  | 'LOGOUT'
  | 'BOOK'
  | 'RESCHEDULE'
  | 'CANCEL'
  | 'NO_SHOW'
  | 'EXPORT'
  | 'PUBLISH';

/** One audit row. It names records and fields, never the values of patient data. */
export interface AuditEntry {
  actorId: string | null;
  action: AuditAction;
  entity: string;
  entityId: string | null;
  patientId: string | null;
  requestId: string | null;
  ip: string | null;
  fields: string[];
}

export function auditEntry(
  actor: Pick<Actor, 'id'> | null,
  meta: RequestMeta,
  event: Pick<AuditEntry, 'action' | 'entity'> & Partial<Pick<AuditEntry, 'entityId' | 'patientId' | 'fields'>>,
): AuditEntry {
  return {
    actorId: actor?.id ?? null,
    requestId: meta.requestId,
    ip: meta.ip,
    entityId: null,
    patientId: null,
    fields: [],
    ...event,
  };
}
