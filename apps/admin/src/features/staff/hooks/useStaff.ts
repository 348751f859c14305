import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createStaffUser,
  deactivateStaffUser,
  listStaff,
  reactivateStaffUser,
  resetStaffPassword,
  updateStaffUser,
} from '../api/staff.api';

export const staffKeys = { all: ['staff'] as const };

export function useStaff() {
  return useQuery({ queryKey: staffKeys.all, queryFn: listStaff });
}

export function useCreateStaffUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createStaffUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffKeys.all }),
  });
}

export function useDeactivateStaffUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deactivateStaffUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffKeys.all }),
  });
}

export function useUpdateStaffUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateStaffUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffKeys.all }),
  });
}

export function useResetStaffPassword() {
  return useMutation({ mutationFn: resetStaffPassword });
}

export function useReactivateStaffUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reactivateStaffUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffKeys.all }),
  });
}
