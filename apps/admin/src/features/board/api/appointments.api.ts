import { unwrap } from '../../../api/problem';
import { pendingApi } from '../../clinic/api/pending-contract';
import type { CoursePlanOption } from '../../booking/api/booking.api';

export type AppointmentStatus = 'BOOKED' | 'CANCELLED' | 'NO_SHOW' | 'COMPLETED';

/** One appointment as the chair board lists it. */
export interface BoardAppointment {
  id: string;
  courseId: string;
  patientId: string;
  patientName: string;
  mrn: string;
  protocolName: string;
  sessionNumber: number;
  sessionCount: number;
  chairId: string | null;
  chairName: string | null;
  startsAt: string;
  endsAt: string;
  status: AppointmentStatus | string;
  kind: string;
  /** Optimistic concurrency: every change sends the version it was made against. */
  version: number;
}

export async function listAppointments(from: string, to: string): Promise<BoardAppointment[]> {
  const page = unwrap(await pendingApi.GET('/api/appointments', { params: { query: { from, to } } })) as {
    items: BoardAppointment[];
  };
  return page.items;
}

const path = (id: string) => ({ params: { path: { id } } });

export async function cancelAppointment(id: string, body: { version: number; reason: string }): Promise<BoardAppointment> {
  return unwrap(await pendingApi.POST('/api/appointments/{id}/cancel', { ...path(id), body })) as BoardAppointment;
}

export async function markNoShow(id: string, body: { version: number }): Promise<BoardAppointment> {
  return unwrap(await pendingApi.POST('/api/appointments/{id}/no-show', { ...path(id), body })) as BoardAppointment;
}

export async function rescheduleOptions(id: string, earliest?: string): Promise<CoursePlanOption[]> {
  const result = unwrap(
    await pendingApi.POST('/api/appointments/{id}/reschedule-options', { ...path(id), body: earliest ? { earliest } : {} }),
  ) as { plans: CoursePlanOption[] };
  return result.plans;
}

export async function rescheduleAppointment(
  id: string,
  body: { version: number; chairId: string; startsAt: string; endsAt: string },
): Promise<BoardAppointment> {
  return unwrap(await pendingApi.POST('/api/appointments/{id}/reschedule', { ...path(id), body })) as BoardAppointment;
}
