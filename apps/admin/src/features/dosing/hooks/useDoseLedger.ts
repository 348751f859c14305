import { useQuery } from '@tanstack/react-query';
import { getDoseLedger } from '../api/dosing.api';

/** The patient's cumulative ketamine by route and rolling window (each read is audited by the API). */
export function useDoseLedger(patientId: string) {
  return useQuery({ queryKey: ['patients', 'dose-ledger', patientId], queryFn: () => getDoseLedger(patientId) });
}
