import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  addAddendum,
  checkIn,
  coSign,
  discharge,
  getSession,
  getToday,
  overrideCheckIn,
  sign,
  updateCheckIn,
  type CheckInBody,
  type CheckInOverrideBody,
  type DischargeBody,
  type UpdateCheckInBody,
} from '../api/infusion.api';

export const INFUSION_KEY = ['infusion'] as const;
export const TODAY_KEY = [...INFUSION_KEY, 'today'] as const;
export const sessionKey = (id: string) => [...INFUSION_KEY, 'session', id] as const;

/** The nurse's list, refreshed every 30 s so overdue marks appear without a reload. */
export function useToday() {
  return useQuery({ queryKey: TODAY_KEY, queryFn: () => getToday(), refetchInterval: 30_000 });
}

/** One session; refreshed every 15 s so what another tablet entered shows here too. */
export function useSession(id: string) {
  return useQuery({ queryKey: sessionKey(id), queryFn: () => getSession(id), refetchInterval: 15_000 });
}

/**
 * A change to a session: never retried here (an entry with a client id is retried by the nurse,
 * with the same id); everything about the session reloads either way.
 */
export function useSessionChange<A, R>(sessionId: string | undefined, fn: (arg: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    retry: false,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: TODAY_KEY }),
        sessionId
          ? queryClient.invalidateQueries({ queryKey: [...INFUSION_KEY, 'session', sessionId] })
          : Promise.resolve(),
        queryClient.invalidateQueries({ queryKey: ['alerts'] }),
      ]),
  });
}

export const useCheckIn = (appointmentId: string) =>
  useSessionChange(undefined, (body: CheckInBody) => checkIn(appointmentId, body));
export const useUpdateCheckIn = (id: string) =>
  useSessionChange(id, (body: UpdateCheckInBody) => updateCheckIn(id, body));
export const useOverrideCheckIn = (id: string) =>
  useSessionChange(id, (body: CheckInOverrideBody) => overrideCheckIn(id, body));
export const useDischarge = (id: string) => useSessionChange(id, (body: DischargeBody) => discharge(id, body));
export const useSign = (id: string) => useSessionChange(id, (version: number) => sign(id, version));
export const useCoSign = (id: string) => useSessionChange(id, (version: number) => coSign(id, version));
export const useAddendum = (id: string) => useSessionChange(id, (text: string) => addAddendum(id, text));
