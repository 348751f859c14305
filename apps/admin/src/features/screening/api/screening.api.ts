import type { RecheckCheck } from '@cadence/domain';
import type { Answers } from '@cadence/domain';
import { api } from '../../../api/client';
import { unwrap } from '../../../api/problem';
import type { CreateScreeningBody, Eligibility, ReviewQueueItem, Screening, ScreeningTemplateRecord } from './types';

// The API sends answers, scores and template definitions as the domain library shapes them
// (its OpenAPI document types them as open objects); these casts name that, in one place.
const asScreening = (dto: unknown) => dto as Screening;
const byId = (id: string) => ({ path: { id } });

/** Every published version: a screening keeps the version it was started on. */
export async function listScreeningTemplates(): Promise<{ items: ScreeningTemplateRecord[] }> {
  const page = unwrap(await api.GET('/api/screening-templates', { params: { query: { all: 'true' } } }));
  return { items: page.items as unknown as ScreeningTemplateRecord[] };
}

export async function listPatientScreenings(patientId: string): Promise<{ items: Screening[] }> {
  const page = unwrap(await api.GET('/api/patients/{patientId}/screenings', { params: { path: { patientId } } }));
  return { items: page.items.map(asScreening) };
}

export async function getScreening(id: string): Promise<Screening> {
  return asScreening(unwrap(await api.GET('/api/screenings/{id}', { params: byId(id) })));
}

export async function createScreening(patientId: string, body: CreateScreeningBody): Promise<Screening> {
  return asScreening(
    unwrap(await api.POST('/api/patients/{patientId}/screenings', { params: { path: { patientId } }, body })),
  );
}

/** Replaces the draft's answers; `version` is the one the nurse has on screen. */
export async function saveScreeningAnswers(id: string, version: number, answers: Answers): Promise<Screening> {
  return asScreening(unwrap(await api.PATCH('/api/screenings/{id}', { params: byId(id), body: { version, answers } })));
}

export async function submitScreening(id: string, version: number): Promise<Screening> {
  return asScreening(unwrap(await api.POST('/api/screenings/{id}/submit', { params: byId(id), body: { version } })));
}

export async function signScreening(id: string, version: number): Promise<Screening> {
  return asScreening(unwrap(await api.POST('/api/screenings/{id}/sign', { params: byId(id), body: { version } })));
}

export async function overrideScreening(
  id: string,
  version: number,
  reason: string,
  rechecks: RecheckCheck[] = [],
): Promise<Screening> {
  return asScreening(
    unwrap(await api.POST('/api/screenings/{id}/override', { params: byId(id), body: { version, reason, rechecks } })),
  );
}

export async function declineScreening(id: string, version: number, reason: string): Promise<Screening> {
  return asScreening(
    unwrap(await api.POST('/api/screenings/{id}/decline', { params: byId(id), body: { version, reason } })),
  );
}

/** A new draft that corrects a signed screening (answers copied); the signed one stays as it is. */
export async function createAddendum(id: string): Promise<Screening> {
  return asScreening(unwrap(await api.POST('/api/screenings/{id}/addenda', { params: byId(id) })));
}

export async function getReviewQueue(): Promise<{ items: ReviewQueueItem[] }> {
  return unwrap(await api.GET('/api/screening-queue'));
}

/** How many screenings await a clinician (counts only: reads no one's record). */
export async function getReviewQueueCount(): Promise<{ waiting: number; flagged: number }> {
  return unwrap(await api.GET('/api/screening-queue/count'));
}

export async function getEligibility(patientId: string, on: string): Promise<Eligibility> {
  return unwrap(
    await api.GET('/api/patients/{id}/eligibility', { params: { path: { id: patientId }, query: { on } } }),
  );
}
