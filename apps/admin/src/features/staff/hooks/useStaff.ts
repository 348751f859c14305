import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createStaffUser, deactivateStaffUser, listStaff } from '../api/staff.api';

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
