import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { listProtocols, publishProtocol } from '../api/protocols.api';

export const protocolKeys = { all: ['protocols'] as const };

export function useProtocols() {
  return useQuery({ queryKey: protocolKeys.all, queryFn: listProtocols, staleTime: 5 * 60_000 });
}

export function usePublishProtocol() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: publishProtocol,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: protocolKeys.all }),
  });
}
