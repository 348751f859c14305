import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { getAccessReport } from '../api/audit.api';

export const ACCESS_PAGE_SIZE = 100;

/** One patient's access report, a page of lines at a time. */
export function useAccessReport(patientId: string) {
  const [page, setPage] = useState(1);
  const query = { page, pageSize: ACCESS_PAGE_SIZE };
  const result = useQuery({
    queryKey: ['audit', 'access', patientId, query],
    queryFn: () => getAccessReport(patientId, query),
    placeholderData: keepPreviousData,
    enabled: !!patientId,
  });
  return { ...result, page, setPage };
}
