import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AccessReportQuery } from '../../../api/types';
import { isCalendarDate } from '../../../shared/dates';
import { useClinicClock } from '../../clinic/hooks/useClinicClock';
import { clinicDayEnd, clinicDayStart } from '../../clinic/time';
import { getAccessReport } from '../api/audit.api';

export const ACCESS_PAGE_SIZE = 100;

/** Whole days on the clinic's calendar; empty for no bound. */
export interface AccessRange {
  from: string;
  to: string;
}

/** One patient's access report over the applied range, a page of lines at a time. */
export function useAccessReport(patientId: string) {
  const [range, setRange] = useState<AccessRange>({ from: '', to: '' });
  const [page, setPage] = useState(1);
  const { zone } = useClinicClock();
  const query: AccessReportQuery = {
    page,
    pageSize: ACCESS_PAGE_SIZE,
    ...(isCalendarDate(range.from) ? { from: clinicDayStart(range.from, zone) } : {}),
    ...(isCalendarDate(range.to) ? { to: clinicDayEnd(range.to, zone) } : {}),
  };
  const result = useQuery({
    queryKey: ['audit', 'access', patientId, query],
    queryFn: () => getAccessReport(patientId, query),
    placeholderData: keepPreviousData,
    enabled: !!patientId,
  });
  return {
    ...result,
    query,
    range,
    applyRange: (next: AccessRange) => {
      setRange(next);
      setPage(1);
    },
    page,
    setPage,
  };
}
