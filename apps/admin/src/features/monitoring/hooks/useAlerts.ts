import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getAlerts, markAlertRead } from '../api/alerts.api';

const ALERTS_KEY = ['alerts'] as const;

/** The caller's own inbox; polled so a serious event reaches the clinician within half a minute. */
export function useAlerts() {
  return useQuery({ queryKey: ALERTS_KEY, queryFn: getAlerts, refetchInterval: 30_000 });
}

export function useMarkAlertRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markAlertRead,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ALERTS_KEY }),
  });
}
