import { api } from '../../../api/client';
import { ensureOk, unwrap } from '../../../api/problem';
import type { RequestBody, ResponseBody } from '../../../api/types';

export type Clinic = ResponseBody<'/api/clinic', 'get'>;
export type ClinicChair = Clinic['chairs'][number];
export type ChairKind = ClinicChair['kind'];
/** One opening window on an ISO weekday (1 = Monday … 7 = Sunday), clinic-local "HH:mm". */
export type OpeningWindow = Clinic['openingHours'][number];
export type ClinicClosure = Clinic['closures'][number];
export type NurseShift = Clinic['nurseShifts'][number];
export type UpdateClinicBody = RequestBody<'/api/clinic', 'patch'>;
export type CreatedClosure = ResponseBody<'/api/clinic/closures', 'post'>;
export type UpdatedChair = ResponseBody<'/api/clinic/chairs/{id}', 'patch'>;
export type UpdatedClinic = ResponseBody<'/api/clinic', 'patch'>;
export type CreatedNurseShift = ResponseBody<'/api/clinic/nurse-shifts', 'post'>;
export type RemovedNurseShift = ResponseBody<'/api/clinic/nurse-shifts/{id}', 'delete'>;
/** A booking the front desk must move or cancel, with whom to call and why (SCHEDULER only). */
export type BookingToMove = ResponseBody<'/api/clinic/bookings-to-move', 'get'>[number];
/** A booking a capacity change left without a usable chair: it still stands until someone moves it. */
export type AffectedAppointment = CreatedClosure['affectedAppointments'][number];

const byId = (id: string) => ({ params: { path: { id } } });

export async function getClinic(): Promise<Clinic> {
  return unwrap(await api.GET('/api/clinic'));
}

export async function updateClinic(body: UpdateClinicBody): Promise<UpdatedClinic> {
  return unwrap(await api.PATCH('/api/clinic', { body }));
}

export async function replaceOpeningHours(windows: OpeningWindow[]): Promise<void> {
  ensureOk(await api.PUT('/api/clinic/opening-hours', { body: { windows } }));
}

export async function addClosure(body: RequestBody<'/api/clinic/closures', 'post'>): Promise<CreatedClosure> {
  return unwrap(await api.POST('/api/clinic/closures', { body }));
}

/** The bookings a closure would strand, before it is added (times and chairs only); stores nothing. */
export async function previewClosure(
  body: RequestBody<'/api/clinic/closures/preview', 'post'>,
): Promise<AffectedAppointment[]> {
  return unwrap(await api.POST('/api/clinic/closures/preview', { body })).affectedAppointments;
}

export async function removeClosure(id: string): Promise<void> {
  ensureOk(await api.DELETE('/api/clinic/closures/{id}', byId(id)));
}

export async function addNurseShift(body: RequestBody<'/api/clinic/nurse-shifts', 'post'>): Promise<CreatedNurseShift> {
  return unwrap(await api.POST('/api/clinic/nurse-shifts', { body }));
}

export async function removeNurseShift(id: string): Promise<RemovedNurseShift> {
  return unwrap(await api.DELETE('/api/clinic/nurse-shifts/{id}', byId(id)));
}

export async function listBookingsToMove(): Promise<BookingToMove[]> {
  return unwrap(await api.GET('/api/clinic/bookings-to-move'));
}

export async function addChair(body: RequestBody<'/api/clinic/chairs', 'post'>): Promise<void> {
  ensureOk(await api.POST('/api/clinic/chairs', { body }));
}

export async function updateChair(
  id: string,
  body: RequestBody<'/api/clinic/chairs/{id}', 'patch'>,
): Promise<UpdatedChair> {
  return unwrap(await api.PATCH('/api/clinic/chairs/{id}', { ...byId(id), body }));
}
