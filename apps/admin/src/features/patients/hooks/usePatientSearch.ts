import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { PatientQuery } from '../../../api/types';
import { isCalendarDate } from '../../../shared/dates';

export const PATIENT_PAGE_SIZE = 20;
const SEARCH_DELAY_MS = 300;

/**
 * The patient search, kept in the URL (so Back returns to the same results). The box updates
 * as the user types; the URL, and so the API request, follows once typing pauses.
 */
export function usePatientSearch() {
  const [params, setParams] = useSearchParams();
  const [text, setTextNow] = useState(() => params.get('q') ?? '');
  const q = (params.get('q') ?? '').trim();
  const dateOfBirth = params.get('dob') ?? '';
  const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  // A new search starts again from page 1.
  const searchFor = useDebouncedCallback(
    (value: string) => update({ q: value.trim() || null, page: null }),
    SEARCH_DELAY_MS,
  );

  const query: PatientQuery = {
    page,
    pageSize: PATIENT_PAGE_SIZE,
    ...(q ? { q } : {}),
    ...(isCalendarDate(dateOfBirth) ? { dateOfBirth } : {}),
  };

  return {
    text,
    setText: (value: string) => {
      setTextNow(value);
      searchFor(value);
    },
    dateOfBirth,
    setDateOfBirth: (value: string) => update({ dob: value || null, page: null }),
    page,
    setPage: (value: number) => update({ page: value > 1 ? String(value) : null }),
    clear: () => {
      searchFor.cancel();
      setTextNow('');
      update({ q: null, dob: null, page: null });
    },
    query,
    isFiltered: Boolean(q || dateOfBirth),
  };
}
