import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Patient, PatientQuery, UpdatePatientBody } from '../../../api/types';
import { createPatient, getPatient, listPatients, updatePatient } from '../api/patients.api';

export const patientKeys = {
  all: ['patients'] as const,
  lists: () => [...patientKeys.all, 'list'] as const,
  list: (query: PatientQuery) => [...patientKeys.lists(), query] as const,
  detail: (id: string) => [...patientKeys.all, 'detail', id] as const,
};

export function usePatientList(query: PatientQuery) {
  return useQuery({
    queryKey: patientKeys.list(query),
    queryFn: () => listPatients(query),
    // Keep the current rows on screen while the next page or search loads.
    placeholderData: keepPreviousData,
  });
}

export function usePatient(id: string, options: { refetchOnWindowFocus?: boolean } = {}) {
  return useQuery({
    queryKey: patientKeys.detail(id),
    queryFn: () => getPatient(id),
    refetchOnWindowFocus: options.refetchOnWindowFocus ?? true,
  });
}

export function useCreatePatient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPatient,
    onSuccess: (patient) => {
      queryClient.setQueryData(patientKeys.detail(patient.id), patient);
      return queryClient.invalidateQueries({ queryKey: patientKeys.lists() });
    },
  });
}

export function useUpdatePatient(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdatePatientBody) => updatePatient(id, body),
    onSuccess: (patient: Patient) => {
      queryClient.setQueryData(patientKeys.detail(id), patient);
      return queryClient.invalidateQueries({ queryKey: patientKeys.lists() });
    },
  });
}
