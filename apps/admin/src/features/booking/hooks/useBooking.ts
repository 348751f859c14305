import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useClinicClock } from '../../clinic/hooks/useClinicClock';
import { getEligibility } from '../../screening/api/screening.api';
import { screeningKeys } from '../../screening/hooks/useScreenings';
import { bookCourse, findCourseOptions, listPatientCourses, type CourseOptionsRequest } from '../api/booking.api';

export const bookingKeys = {
  courses: (patientId: string) => ['patients', 'detail', patientId, 'courses'] as const,
  options: (request: CourseOptionsRequest) => ['courses', 'options', request] as const,
};

/** Shared with the chair board: a booking changes what the board shows. */
export const APPOINTMENTS_KEY = ['appointments'] as const;

/**
 * Today's eligibility, through the screening feature's call and cache entry (the card on the
 * booking step and on the patient page show the same answer, fetched once).
 */
export function useEligibility(patientId: string | null) {
  const { today: on } = useClinicClock();
  return useQuery({
    queryKey: screeningKeys.eligibility(patientId ?? '', on),
    queryFn: () => getEligibility(patientId ?? '', on),
    enabled: !!patientId,
  });
}

/**
 * Ranked course plans. A search is a read, but its answer changes as others book, so it is never
 * refetched behind the user's back (the cards would reshuffle while they choose): it runs when
 * the request changes or when they press "Search again".
 */
export function useCourseOptions(request: CourseOptionsRequest | null) {
  return useQuery({
    queryKey: request ? bookingKeys.options(request) : ['courses', 'options', 'none'],
    queryFn: () => findCourseOptions(request as CourseOptionsRequest),
    enabled: !!request,
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: false,
  });
}

export function useBookCourse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: bookCourse,
    // A failed booking is shown, never retried: the slot may be gone or the patient ineligible.
    retry: false,
    onSuccess: (course) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: APPOINTMENTS_KEY }),
        queryClient.invalidateQueries({ queryKey: bookingKeys.courses(course.patientId) }),
        queryClient.removeQueries({ queryKey: ['courses', 'options'] }),
      ]),
  });
}

export function usePatientCourses(patientId: string) {
  return useQuery({ queryKey: bookingKeys.courses(patientId), queryFn: () => listPatientCourses(patientId) });
}
