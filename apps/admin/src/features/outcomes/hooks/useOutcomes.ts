import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getFigure, getReliefForecast, type OutcomeFigure, type OutcomesQuery } from '../api/outcomes.api';

export const outcomesKeys = {
  all: ['outcomes'] as const,
  figure: (figure: OutcomeFigure, query: OutcomesQuery) => [...outcomesKeys.all, figure, query] as const,
};

/** One dashboard figure under the filters; the previous figure stays up while a new filter loads. */
export function useOutcomeFigure<F extends OutcomeFigure>(figure: F, query: OutcomesQuery, enabled = true) {
  return useQuery({
    queryKey: outcomesKeys.figure(figure, query),
    queryFn: () => getFigure(figure, query),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    enabled,
  });
}

export function useReliefForecast(patientId: string) {
  return useQuery({
    queryKey: ['relief-forecast', patientId],
    queryFn: () => getReliefForecast(patientId),
    staleTime: 60_000,
  });
}
