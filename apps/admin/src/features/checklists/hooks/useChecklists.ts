import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { screeningKeys } from '../../screening/hooks/useScreenings';
import { listLatestChecklists, publishChecklist } from '../api/checklists.api';

export const checklistKeys = { latest: [...screeningKeys.templates(), 'latest'] as const };

export function useLatestChecklists() {
  return useQuery({ queryKey: checklistKeys.latest, queryFn: listLatestChecklists });
}

/** A published version also refreshes the versions the screening pages start new screenings on. */
export function usePublishChecklist() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: publishChecklist,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: screeningKeys.templates() }),
  });
}
