import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  addChair,
  addClosure,
  addNurseShift,
  getClinic,
  previewClosure,
  removeClosure,
  removeNurseShift,
  replaceOpeningHours,
  updateChair,
  updateClinic,
} from '../api/clinic.api';

export const clinicKey = ['clinic'] as const;

/** The clinic's time zone, chairs and capacity; changes rarely, so it is kept for a while. */
export function useClinic() {
  return useQuery({ queryKey: clinicKey, queryFn: getClinic, staleTime: 5 * 60_000 });
}

/** Every capacity edit reloads the clinic afterwards, so the page shows what the API stored. */
function useClinicMutation<A, R = void>(fn: (arg: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: clinicKey }),
  });
}

export const useUpdateClinic = () => useClinicMutation(updateClinic);
export const useReplaceOpeningHours = () => useClinicMutation(replaceOpeningHours);
export const useAddClosure = () => useClinicMutation(addClosure);
/** A preview writes nothing, so the clinic is not reloaded; a refused preview is shown, not retried. */
export const usePreviewClosure = () => useMutation({ mutationFn: previewClosure, retry: false });
export const useRemoveClosure = () => useClinicMutation(removeClosure);
export const useAddNurseShift = () => useClinicMutation(addNurseShift);
export const useRemoveNurseShift = () => useClinicMutation(removeNurseShift);
export const useAddChair = () => useClinicMutation(addChair);
export const useUpdateChair = () =>
  useClinicMutation(({ id, ...body }: { id: string; name?: string; active?: boolean }) => updateChair(id, body));
