import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  approveBooster,
  dismissBoosterTask,
  getBoosterChecks,
  getBoosterQueue,
  type BoosterApprovalBody,
  type BoosterChecksQuery,
  type BoosterQueueQuery,
  type DismissBody,
} from '../api/boosters.api';

const BOOSTERS_KEY = ['boosters'] as const;

/** A page of the open booster tasks with every check's state now; refreshed as reviews and follow-ups change them. */
export function useBoosterQueue(query: BoosterQueueQuery) {
  return useQuery({
    queryKey: [...BOOSTERS_KEY, 'queue', query],
    queryFn: () => getBoosterQueue(query),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

/** Whether a booster may be booked for the patient on a day, under a protocol; the booking re-runs every check. */
export function useBoosterChecks(patientId: string | null, query: BoosterChecksQuery) {
  return useQuery({
    queryKey: [...BOOSTERS_KEY, 'checks', patientId, query],
    queryFn: () => getBoosterChecks(patientId ?? '', query),
    enabled: !!patientId,
  });
}

function useBoosterChange<A, R>(fn: (arg: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    retry: false,
    onSettled: () => queryClient.invalidateQueries({ queryKey: BOOSTERS_KEY }),
  });
}

export const useDismissBoosterTask = () =>
  useBoosterChange(({ id, body }: { id: string; body: DismissBody }) => dismissBoosterTask(id, body));
export const useApproveBooster = () => useBoosterChange((body: BoosterApprovalBody) => approveBooster(body));
