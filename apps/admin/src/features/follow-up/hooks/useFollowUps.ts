import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createLink,
  getBladderReviewQueue,
  getFollowUp,
  getPatientTimeline,
  getWorklist,
  recordFollowUp,
  reviewBladder,
  type BladderReviewBody,
  type RecordFollowUpBody,
  type WorklistQuery,
} from '../api/followUps.api';

export const FOLLOW_UP_KEY = ['follow-up'] as const;
const worklistKey = (query: WorklistQuery) => [...FOLLOW_UP_KEY, 'worklist', query] as const;
export const followUpKey = (id: string) => [...FOLLOW_UP_KEY, 'one', id] as const;
export const timelineKey = (patientId: string) => [...FOLLOW_UP_KEY, 'timeline', patientId] as const;

/** The clinic's worklist, most urgent first as the API orders it; polled so statuses turn over. */
export function useWorklist(query: WorklistQuery) {
  return useQuery({
    queryKey: worklistKey(query),
    queryFn: () => getWorklist(query),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

/** The clinic's bladder answers awaiting a clinician; reloaded after every review (it sits under FOLLOW_UP_KEY). */
export function useBladderReviewQueue() {
  return useQuery({
    queryKey: [...FOLLOW_UP_KEY, 'bladder-reviews'],
    queryFn: getBladderReviewQueue,
    refetchInterval: 60_000,
  });
}

export function useFollowUp(id: string) {
  return useQuery({ queryKey: followUpKey(id), queryFn: () => getFollowUp(id) });
}

export function usePatientTimeline(patientId: string) {
  return useQuery({ queryKey: timelineKey(patientId), queryFn: () => getPatientTimeline(patientId) });
}

/**
 * Everything a follow-up changes reloads after it: the worklist, the follow-up, the timelines, the
 * booster queue, the outbox, the alerts, and the dose ledgers (home doses count in them).
 */
function useFollowUpChange<A, R>(fn: (arg: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    retry: false,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: FOLLOW_UP_KEY }),
        queryClient.invalidateQueries({ queryKey: ['boosters'] }),
        queryClient.invalidateQueries({ queryKey: ['outbox'] }),
        queryClient.invalidateQueries({ queryKey: ['alerts'] }),
        queryClient.invalidateQueries({ queryKey: ['patients', 'dose-ledger'] }),
      ]),
  });
}

export const useRecordFollowUp = (id: string) =>
  useFollowUpChange((body: RecordFollowUpBody) => recordFollowUp(id, body));
export const useCreateLink = () => useFollowUpChange((id: string) => createLink(id));
export const useReviewBladder = () =>
  useFollowUpChange(({ recordId, body }: { recordId: string; body: BladderReviewBody }) =>
    reviewBladder(recordId, body),
  );
