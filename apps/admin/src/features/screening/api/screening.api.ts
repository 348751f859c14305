import type { Answers } from '@cadence/domain';
import { api } from '../../../api/client';
import { unwrap } from '../../../api/problem';
import type {
  CreateScreeningBody,
  Eligibility,
  ReviewQueueItem,
  Screening,
  ScreeningTemplateRecord,
} from './types';

// The screening routes are called through the shared client (same session renewal), by path.
// Until they are in the generated schema the client is used without its path typing.
type Init = { params?: { path?: Record<string, string>; query?: Record<string, string> }; body?: unknown };
type Result = Promise<{ data?: unknown; error?: unknown; response: Response }>;
const client = api as unknown as {
  GET(path: string, init?: Init): Result;
  POST(path: string, init?: Init): Result;
  PATCH(path: string, init?: Init): Result;
};

const read = async <T>(call: Result): Promise<T> => unwrap(await call) as T;
const byId = (id: string) => ({ path: { id } });

/** Every published version: a screening keeps the version it was started on. */
export function listScreeningTemplates(): Promise<{ items: ScreeningTemplateRecord[] }> {
  return read(client.GET('/api/screening-templates', { params: { query: { all: 'true' } } }));
}

export function listPatientScreenings(patientId: string): Promise<{ items: Screening[] }> {
  return read(client.GET('/api/patients/{id}/screenings', { params: byId(patientId) }));
}

export function getScreening(id: string): Promise<Screening> {
  return read(client.GET('/api/screenings/{id}', { params: byId(id) }));
}

export function createScreening(patientId: string, body: CreateScreeningBody): Promise<Screening> {
  return read(client.POST('/api/patients/{id}/screenings', { params: byId(patientId), body }));
}

/** Replaces the draft's answers; `version` is the one the nurse has on screen. */
export function saveScreeningAnswers(id: string, version: number, answers: Answers): Promise<Screening> {
  return read(client.PATCH('/api/screenings/{id}', { params: byId(id), body: { version, answers } }));
}

export function submitScreening(id: string, version: number): Promise<Screening> {
  return read(client.POST('/api/screenings/{id}/submit', { params: byId(id), body: { version } }));
}

export function signScreening(id: string, version: number): Promise<Screening> {
  return read(client.POST('/api/screenings/{id}/sign', { params: byId(id), body: { version } }));
}

export function overrideScreening(id: string, version: number, reason: string): Promise<Screening> {
  return read(client.POST('/api/screenings/{id}/override', { params: byId(id), body: { version, reason } }));
}

export function declineScreening(id: string, version: number, reason: string): Promise<Screening> {
  return read(client.POST('/api/screenings/{id}/decline', { params: byId(id), body: { version, reason } }));
}

/** A new draft that corrects a signed screening (answers copied); the signed one stays as it is. */
export function createAddendum(id: string): Promise<Screening> {
  return read(client.POST('/api/screenings/{id}/addenda', { params: byId(id) }));
}

export function getReviewQueue(): Promise<{ items: ReviewQueueItem[] }> {
  return read(client.GET('/api/screening-queue'));
}

export function getEligibility(patientId: string, on: string): Promise<Eligibility> {
  return read(client.GET('/api/patients/{id}/eligibility', { params: { ...byId(patientId), query: { on } } }));
}
