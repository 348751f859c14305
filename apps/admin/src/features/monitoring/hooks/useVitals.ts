import { useQuery } from '@tanstack/react-query';
import { sessionKey, useSessionChange } from '../../infusion/hooks/useInfusion';
import { getFlowsheet, recordVitals, voidReading, type VitalsBody } from '../api/vitals.api';

/** Refreshed every 15 s: readings from another tablet appear, and the due time moves with them. */
export function useFlowsheet(sessionId: string) {
  return useQuery({
    queryKey: [...sessionKey(sessionId), 'flowsheet'],
    queryFn: () => getFlowsheet(sessionId),
    refetchInterval: 15_000,
  });
}

export const useRecordVitals = (sessionId: string) =>
  useSessionChange(sessionId, (body: VitalsBody) => recordVitals(sessionId, body));

export const useVoidReading = (sessionId: string) =>
  useSessionChange(sessionId, ({ readingId, reason }: { readingId: string; reason: string }) =>
    voidReading(sessionId, readingId, reason),
  );
