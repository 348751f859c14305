import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AuditQuery } from '../../../api/types';
import { isCalendarDate } from '../../../shared/dates';
import { useClinicClock } from '../../clinic/hooks/useClinicClock';
import { clinicDayEnd, clinicDayStart } from '../../clinic/time';
import { listAuditEvents } from '../api/audit.api';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilterValues {
  /** Words of the patient's name or MRN: what an admin has to hand, unlike a record id. */
  patient: string;
  action: string;
  actorId: string;
  from: string;
  to: string;
}

export const NO_AUDIT_FILTER: AuditFilterValues = { patient: '', action: '', actorId: '', from: '', to: '' };

/** From and to are whole days on the clinic's calendar. */
export function toAuditQuery(filter: AuditFilterValues, page: number, zone: string): AuditQuery {
  return {
    page,
    pageSize: AUDIT_PAGE_SIZE,
    ...(filter.patient.trim() ? { patient: filter.patient.trim() } : {}),
    ...(filter.action ? { action: filter.action as AuditQuery['action'] } : {}),
    ...(filter.actorId ? { actorId: filter.actorId } : {}),
    ...(isCalendarDate(filter.from) ? { from: clinicDayStart(filter.from, zone) } : {}),
    ...(isCalendarDate(filter.to) ? { to: clinicDayEnd(filter.to, zone) } : {}),
  };
}

/** The applied filter and page; the filter form applies on submit, not on every keystroke. */
export function useAuditLog() {
  const [filter, setFilter] = useState<AuditFilterValues>(NO_AUDIT_FILTER);
  const [page, setPage] = useState(1);
  const { zone } = useClinicClock();
  const query = toAuditQuery(filter, page, zone);
  const result = useQuery({
    queryKey: ['audit', query],
    queryFn: () => listAuditEvents(query),
    placeholderData: keepPreviousData,
  });
  return {
    ...result,
    filter,
    query,
    applyFilter: (next: AuditFilterValues) => {
      setFilter(next);
      setPage(1);
    },
    page,
    setPage,
  };
}
