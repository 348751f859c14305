import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getOutbox, markSentByHand, retryMessage, type OutboxQuery } from '../api/messages.api';

const OUTBOX_KEY = ['outbox'] as const;

/** The clinic's emails in one status (by default those waiting for staff), polled as the mail job works. */
export function useOutbox(query: OutboxQuery) {
  return useQuery({
    queryKey: [...OUTBOX_KEY, query],
    queryFn: () => getOutbox(query),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

function useMessageChange(fn: (id: string) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    retry: false,
    onSettled: () => queryClient.invalidateQueries({ queryKey: OUTBOX_KEY }),
  });
}

export const useSentByHand = () => useMessageChange(markSentByHand);
export const useRetryMessage = () => useMessageChange(retryMessage);
