import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { dismissBoosterTask, getBoosterQueue, type DismissBody } from '../api/boosters.api';

const BOOSTERS_KEY = ['boosters'] as const;

/** Open booster tasks with every check's state now; refreshed as reviews and follow-ups change them. */
export function useBoosterQueue() {
  return useQuery({ queryKey: [...BOOSTERS_KEY, 'queue'], queryFn: getBoosterQueue, refetchInterval: 60_000 });
}

export function useDismissBoosterTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: DismissBody }) => dismissBoosterTask(id, body),
    retry: false,
    onSettled: () => queryClient.invalidateQueries({ queryKey: BOOSTERS_KEY }),
  });
}
