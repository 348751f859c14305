import { api } from '../../../api/client';
import { unwrap } from '../../../api/problem';
import type { QueryParams, RequestBody, ResponseBody } from '../../../api/types';

export type WorklistPage = ResponseBody<'/api/follow-ups/worklist', 'get'>;
export type WorklistEntry = WorklistPage['items'][number];
export type WorklistQuery = QueryParams<'/api/follow-ups/worklist', 'get'>;
export type FollowUp = ResponseBody<'/api/follow-ups/{id}', 'get'>;
export type FollowUpRecord = FollowUp['records'][number];
export type FollowUpState = FollowUp['state'];
export type RecordFollowUpBody = RequestBody<'/api/follow-ups/{id}/records', 'post'>;
export type FollowUpRecorded = ResponseBody<'/api/follow-ups/{id}/records', 'post'>;
export type CreatedLink = ResponseBody<'/api/follow-ups/{id}/link', 'post'>;
export type PatientTimeline = ResponseBody<'/api/patients/{id}/follow-ups', 'get'>;
export type TimelineCourse = PatientTimeline['courses'][number];
export type BladderReviewQueue = ResponseBody<'/api/follow-up-records/bladder-reviews', 'get'>;
export type BladderReviewBody = RequestBody<'/api/follow-up-records/{id}/bladder-review', 'post'>;

const byId = (id: string) => ({ params: { path: { id } } });

export async function getWorklist(query: WorklistQuery): Promise<WorklistPage> {
  return unwrap(await api.GET('/api/follow-ups/worklist', { params: { query } }));
}

export async function getFollowUp(id: string): Promise<FollowUp> {
  return unwrap(await api.GET('/api/follow-ups/{id}', byId(id)));
}

export async function recordFollowUp(id: string, body: RecordFollowUpBody): Promise<FollowUpRecorded> {
  return unwrap(await api.POST('/api/follow-ups/{id}/records', { ...byId(id), body }));
}

export async function createLink(id: string): Promise<CreatedLink> {
  return unwrap(await api.POST('/api/follow-ups/{id}/link', byId(id)));
}

export async function getPatientTimeline(patientId: string): Promise<PatientTimeline> {
  return unwrap(await api.GET('/api/patients/{id}/follow-ups', byId(patientId)));
}

export async function reviewBladder(recordId: string, body: BladderReviewBody): Promise<unknown> {
  return unwrap(await api.POST('/api/follow-up-records/{id}/bladder-review', { ...byId(recordId), body }));
}

export async function getBladderReviewQueue(): Promise<BladderReviewQueue> {
  return unwrap(await api.GET('/api/follow-up-records/bladder-reviews'));
}
