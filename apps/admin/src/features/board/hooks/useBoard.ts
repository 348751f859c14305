import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { APPOINTMENTS_KEY } from '../../booking/hooks/useBooking';
import { listBookingsToMove } from '../../clinic/api/clinic.api';
import {
  cancelAppointment,
  getOccupancy,
  listAppointments,
  markNoShow,
  replanCourse,
  replanOptions,
  type ReplanBody,
  type ReplanOptionsRequest,
  rescheduleAppointment,
  rescheduleOptions,
} from '../api/appointments.api';

export function useAppointments(from: string, to: string, enabled = true) {
  return useQuery({
    queryKey: [...APPOINTMENTS_KEY, { from, to }],
    queryFn: () => listAppointments(from, to),
    enabled,
    // Keep the board on screen while the next day or week loads; refresh every minute so a busy
    // desk sees bookings made at other desks.
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

/** The month view's fill per day; under the appointments key, so a booking or move refreshes it. */
export function useOccupancy(month: string, enabled: boolean) {
  return useQuery({
    queryKey: [...APPOINTMENTS_KEY, 'occupancy', month],
    queryFn: () => getOccupancy(month),
    enabled,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

/**
 * Bookings on closed days, chairs out of service or over the nurse ratio, with whom to call
 * (each name is audited by the API as a read of that patient). Under the appointments key, so a
 * move or cancellation refreshes it; refreshed every minute for changes made on the clinic page.
 */
export function useBookingsToMove() {
  return useQuery({
    queryKey: [...APPOINTMENTS_KEY, 'to-move'],
    queryFn: listBookingsToMove,
    refetchInterval: 60_000,
  });
}

/** Changes to one appointment: shown, never retried; the board reloads either way. */
function useAppointmentChange<A, R>(fn: (arg: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    retry: false,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: APPOINTMENTS_KEY }),
        // The patient's course list on their record shows the same sessions.
        queryClient.invalidateQueries({ queryKey: ['patients', 'detail'] }),
      ]),
  });
}

export const useCancelAppointment = () =>
  useAppointmentChange(({ id, ...body }: { id: string; version: number; reason: string }) =>
    cancelAppointment(id, body),
  );

export const useMarkNoShow = () =>
  useAppointmentChange(({ id, version }: { id: string; version: number }) => markNoShow(id, { version }));

export const useReschedule = () =>
  useAppointmentChange(
    ({ id, ...body }: { id: string; version: number; chairId: string; startsAt: string; endsAt: string }) =>
      rescheduleAppointment(id, body),
  );

/** A fresh search for one session's new time on its own day, from now; runs only when asked. */
export function useRescheduleOptions(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['reschedule-options', id],
    queryFn: () => rescheduleOptions(id, new Date().toISOString()),
    enabled,
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

/** A search for one session's new time on another day, from now: run when the desk asks, never retried. */
export const useOtherDayOptions = (id: string) =>
  useMutation({ mutationFn: (date: string) => rescheduleOptions(id, new Date().toISOString(), date), retry: false });

/** A search for re-planning a course from one session: run when the desk asks, never retried. */
export const useReplanOptions = (courseId: string) =>
  useMutation({ mutationFn: (body: ReplanOptionsRequest) => replanOptions(courseId, body), retry: false });

export const useReplan = () =>
  useAppointmentChange(({ courseId, ...body }: ReplanBody & { courseId: string }) => replanCourse(courseId, body));
