import { ensureOk, unwrap } from '../../../api/problem';
import { pendingApi } from './pending-contract';

export type ChairKind = 'CHAIR' | 'BED' | 'ROOM';

export interface ClinicChair {
  id: string;
  name: string;
  kind: ChairKind;
  active: boolean;
}

/** One opening window on an ISO weekday (1 = Monday … 7 = Sunday), clinic-local "HH:mm". */
export interface OpeningWindow {
  weekday: number;
  opensAt: string;
  closesAt: string;
}

export interface ClinicClosure {
  id: string;
  startsOn: string;
  endsOn: string;
  reason: string;
}

/** A weekly rota row (weekday set) or a one-off dated shift (date set). */
export interface NurseShift {
  id: string;
  weekday?: number | null;
  date?: string | null;
  startsAt: string;
  endsAt: string;
  nurses: number;
}

export interface Clinic {
  id: string;
  name: string;
  /** IANA zone; every time the app shows is in this zone, whatever the browser's. */
  timezone: string;
  maxInfusionsPerNurse?: number;
  screeningValidityDays?: number;
  openingHours: OpeningWindow[];
  closures: ClinicClosure[];
  nurseShifts: NurseShift[];
  chairs: ClinicChair[];
}

type ClinicWire = Omit<Clinic, 'openingHours' | 'closures' | 'nurseShifts' | 'chairs'> & {
  openingHours?: OpeningWindow[];
  hours?: OpeningWindow[];
  closures?: ClinicClosure[];
  nurseShifts?: NurseShift[];
  chairs?: ClinicChair[];
};

function normalise(wire: ClinicWire): Clinic {
  return {
    ...wire,
    openingHours: wire.openingHours ?? wire.hours ?? [],
    closures: wire.closures ?? [],
    nurseShifts: wire.nurseShifts ?? [],
    chairs: wire.chairs ?? [],
  };
}

export async function getClinic(): Promise<Clinic> {
  return normalise(unwrap(await pendingApi.GET('/api/clinic')) as ClinicWire);
}

export interface UpdateClinicBody {
  name?: string;
  timezone?: string;
  maxInfusionsPerNurse?: number;
  screeningValidityDays?: number;
}

export async function updateClinic(body: UpdateClinicBody): Promise<void> {
  ensureOk(await pendingApi.PATCH('/api/clinic', { body }));
}

export async function replaceOpeningHours(hours: OpeningWindow[]): Promise<void> {
  ensureOk(await pendingApi.PUT('/api/clinic/opening-hours', { body: { windows: hours } }));
}

export async function addClosure(body: Omit<ClinicClosure, 'id'>): Promise<void> {
  ensureOk(await pendingApi.POST('/api/clinic/closures', { body }));
}

export async function removeClosure(id: string): Promise<void> {
  ensureOk(await pendingApi.DELETE('/api/clinic/closures/{id}', { params: { path: { id } } }));
}

export async function addNurseShift(body: Omit<NurseShift, 'id'>): Promise<void> {
  ensureOk(await pendingApi.POST('/api/clinic/nurse-shifts', { body }));
}

export async function removeNurseShift(id: string): Promise<void> {
  ensureOk(await pendingApi.DELETE('/api/clinic/nurse-shifts/{id}', { params: { path: { id } } }));
}

export async function addChair(body: { name: string; kind: ChairKind }): Promise<void> {
  ensureOk(await pendingApi.POST('/api/clinic/chairs', { body }));
}

export async function updateChair(id: string, body: { name?: string; active?: boolean }): Promise<void> {
  ensureOk(await pendingApi.PATCH('/api/clinic/chairs/{id}', { params: { path: { id } }, body }));
}
