import { api } from '../../../api/client';
import { unwrap } from '../../../api/problem';
import type { RequestBody, ResponseBody } from '../../../api/types';

export type PatientLinkPage = ResponseBody<'/api/patient-link/{token}', 'get'>;
export type PatientLinkAnswers = RequestBody<'/api/patient-link/{token}', 'post'>;
export type PatientLinkSubmitted = ResponseBody<'/api/patient-link/{token}', 'post'>;

const byToken = (token: string) => ({ params: { path: { token } } });

// Public routes: no session is involved, so a 401 never happens and nothing renews one.
export async function getPatientLink(token: string): Promise<PatientLinkPage> {
  return unwrap(await api.GET('/api/patient-link/{token}', byToken(token)));
}

export async function submitPatientLink(token: string, body: PatientLinkAnswers): Promise<PatientLinkSubmitted> {
  return unwrap(await api.POST('/api/patient-link/{token}', { ...byToken(token), body }));
}
