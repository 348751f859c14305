import { useQuery } from '@tanstack/react-query';
import { listProtocols } from '../api/protocols.api';

export const protocolKeys = { all: ['protocols'] as const };

export function useProtocols() {
  return useQuery({ queryKey: protocolKeys.all, queryFn: listProtocols, staleTime: 5 * 60_000 });
}
