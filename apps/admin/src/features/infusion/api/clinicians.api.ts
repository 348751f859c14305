import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { unwrap } from '../../../api/problem';
import type { ResponseBody } from '../../../api/types';

export type Clinician = ResponseBody<'/api/users/clinicians', 'get'>['items'][number];

async function listClinicians(): Promise<Clinician[]> {
  return unwrap(await api.GET('/api/users/clinicians')).items;
}

/** Who may supervise a session: the clinic's active clinicians. */
export function useClinicians() {
  return useQuery({ queryKey: ['users', 'clinicians'], queryFn: listClinicians, staleTime: 5 * 60_000 });
}
