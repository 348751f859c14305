import type { RecheckCheck } from '@cadence/domain';
import type { Answers } from '@cadence/domain';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { isApiError } from '../../../api/problem';
import {
  createAddendum,
  createScreening,
  declineScreening,
  getEligibility,
  getReviewQueue,
  getReviewQueueCount,
  getScreening,
  listPatientScreenings,
  listScreeningTemplates,
  overrideScreening,
  saveScreeningAnswers,
  signScreening,
  submitScreening,
} from '../api/screening.api';
import type { Screening } from '../api/types';

export const screeningKeys = {
  all: ['screening'] as const,
  templates: () => [...screeningKeys.all, 'templates'] as const,
  detail: (id: string) => [...screeningKeys.all, 'detail', id] as const,
  forPatient: (patientId: string) => [...screeningKeys.all, 'patient', patientId] as const,
  eligibility: (patientId: string, on: string) => [...screeningKeys.all, 'eligibility', patientId, on] as const,
  queue: () => [...screeningKeys.all, 'queue'] as const,
  queueCount: () => [...screeningKeys.queue(), 'count'] as const,
};

/** 409 STALE_VERSION: someone else changed the screening since it was loaded. */
export const isStaleVersion = (error: unknown) =>
  isApiError(error, 409) && (error.code === 'STALE_VERSION' || error.fieldErrors.length === 0);

/** The review queue's size for the menu badge; a decision anywhere refreshes it with the queue. */
export function useReviewQueueCount() {
  return useQuery({ queryKey: screeningKeys.queueCount(), queryFn: getReviewQueueCount, refetchInterval: 60_000 });
}

export function useScreeningTemplates() {
  // Published templates change rarely; a form must not be re-rendered from under the nurse.
  return useQuery({ queryKey: screeningKeys.templates(), queryFn: listScreeningTemplates, staleTime: 10 * 60_000 });
}

export function useScreening(id: string) {
  return useQuery({ queryKey: screeningKeys.detail(id), queryFn: () => getScreening(id), refetchOnWindowFocus: false });
}

export function usePatientScreenings(patientId: string, enabled = true) {
  return useQuery({
    queryKey: screeningKeys.forPatient(patientId),
    queryFn: () => listPatientScreenings(patientId),
    enabled,
  });
}

export function useEligibility(patientId: string, on: string) {
  return useQuery({ queryKey: screeningKeys.eligibility(patientId, on), queryFn: () => getEligibility(patientId, on) });
}

export function useReviewQueue() {
  // A busy clinic: new submissions arrive while the clinician has the queue open.
  return useQuery({ queryKey: screeningKeys.queue(), queryFn: getReviewQueue, refetchInterval: 30_000 });
}

/** After any change: this screening as answered, and every list and decision that shows it. */
function remember(queryClient: QueryClient, screening: Screening) {
  queryClient.setQueryData(screeningKeys.detail(screening.id), screening);
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: screeningKeys.forPatient(screening.patientId) }),
    queryClient.invalidateQueries({ queryKey: [...screeningKeys.all, 'eligibility', screening.patientId] }),
    queryClient.invalidateQueries({ queryKey: screeningKeys.queue() }),
  ]);
}

export function useCreateScreening(patientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { templateId: string; answers: Answers }) => createScreening(patientId, body),
    onSuccess: (screening) => remember(queryClient, screening),
  });
}

export function useSaveScreening() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, answers }: { id: string; version: number; answers: Answers }) =>
      saveScreeningAnswers(id, version, answers),
    onSuccess: (screening) => remember(queryClient, screening),
  });
}

export function useSubmitScreening() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) => submitScreening(id, version),
    onSuccess: (screening) => remember(queryClient, screening),
  });
}

export function useCreateAddendum() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createAddendum, onSuccess: (screening) => remember(queryClient, screening) });
}

export type ReviewDecision =
  | { action: 'sign'; id: string; version: number }
  | { action: 'override'; id: string; version: number; reason: string; rechecks: RecheckCheck[] }
  | { action: 'decline'; id: string; version: number; reason: string };

export function useReviewDecision() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decision: ReviewDecision) => {
      switch (decision.action) {
        case 'sign':
          return signScreening(decision.id, decision.version);
        case 'override':
          return overrideScreening(decision.id, decision.version, decision.reason, decision.rechecks);
        case 'decline':
          return declineScreening(decision.id, decision.version, decision.reason);
      }
    },
    onSuccess: (screening) => remember(queryClient, screening),
    onError: (error) => {
      // The queue on screen is out of date: load it again so the clinician decides on what is stored.
      if (isStaleVersion(error)) return queryClient.invalidateQueries({ queryKey: screeningKeys.all });
      return undefined;
    },
  });
}
