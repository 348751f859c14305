import { useQuery } from '@tanstack/react-query';
import { sessionKey, useSessionChange } from '../../infusion/hooks/useInfusion';
import {
  confirmAdverseEvent,
  dismissAdverseEvent,
  getAdverseEventTerms,
  listAdverseEvents,
  recordAdverseEvent,
  type ConfirmAdverseEventBody,
  type RecordAdverseEventBody,
} from '../api/adverse-events.api';

export function useAdverseEvents(sessionId: string) {
  return useQuery({
    queryKey: [...sessionKey(sessionId), 'adverse-events'],
    queryFn: () => listAdverseEvents(sessionId),
    refetchInterval: 15_000,
  });
}

/** The CTCAE v5 terms with their grade definitions: the same for the whole shift. */
export function useAdverseEventTerms() {
  return useQuery({ queryKey: ['adverse-event-terms'], queryFn: getAdverseEventTerms, staleTime: Infinity });
}

export const useRecordAdverseEvent = (sessionId: string) =>
  useSessionChange(sessionId, (body: RecordAdverseEventBody) => recordAdverseEvent(sessionId, body));

export const useConfirmAdverseEvent = (sessionId: string) =>
  useSessionChange(sessionId, ({ id, ...body }: ConfirmAdverseEventBody & { id: string }) =>
    confirmAdverseEvent(id, body),
  );

export const useDismissAdverseEvent = (sessionId: string) =>
  useSessionChange(sessionId, ({ id, version, reason }: { id: string; version: number; reason: string }) =>
    dismissAdverseEvent(id, version, reason),
  );
