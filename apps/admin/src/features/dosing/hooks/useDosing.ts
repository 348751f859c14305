import { useQuery } from '@tanstack/react-query';
import { sessionKey, useSessionChange } from '../../infusion/hooks/useInfusion';
import { createOrder, getDosing, recordDoseEvent, type DoseEventBody, type OrderBody } from '../api/dosing.api';

/** Under the session's key, so every change to the session reloads it. */
export function useDosing(sessionId: string) {
  return useQuery({
    queryKey: [...sessionKey(sessionId), 'dosing'],
    queryFn: () => getDosing(sessionId),
    refetchInterval: 15_000,
  });
}

export const useCreateOrder = (sessionId: string) =>
  useSessionChange(sessionId, (body: OrderBody) => createOrder(sessionId, body));

/** The body (with its client id) is made by the caller and kept for a retry. */
export const useDoseEvent = (sessionId: string) =>
  useSessionChange(sessionId, (body: DoseEventBody) => recordDoseEvent(sessionId, body));
