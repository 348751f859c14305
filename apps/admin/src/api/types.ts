// Names for the API's shapes, derived from the generated `paths` rather than from schema
// names, so regenerating `schema.d.ts` from the API's own document keeps these stable.
import type { paths } from './schema';

type JsonContent<R> = R extends { content: { 'application/json': infer T } } ? T : never;

/** The JSON body of a successful (200 or 201) response. */
export type ResponseBody<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: infer Ok }
    ? JsonContent<Ok>
    : R extends { 201: infer Created }
      ? JsonContent<Created>
      : never
  : never;

/** The JSON request body of an operation. */
export type RequestBody<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: infer B;
}
  ? JsonContent<NonNullable<B>>
  : never;

/** The query parameters of an operation. */
export type QueryParams<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;

export type SessionUser = ResponseBody<'/api/auth/me', 'get'>['user'];
export type Role = SessionUser['roles'][number];

export type PatientPage = ResponseBody<'/api/patients', 'get'>;
export type PatientSummary = PatientPage['items'][number];
export type PatientQuery = QueryParams<'/api/patients', 'get'>;
export type Patient = ResponseBody<'/api/patients/{id}', 'get'>;
export type Diagnosis = Patient['diagnoses'][number];
export type Sex = PatientSummary['sex'];
export type CreatePatientBody = RequestBody<'/api/patients', 'post'>;
export type NewDiagnosis = NonNullable<CreatePatientBody['diagnoses']>[number];
export type UpdatePatientBody = RequestBody<'/api/patients/{id}', 'patch'>;

export type StaffUser = ResponseBody<'/api/users', 'get'>['items'][number];
export type CreateUserBody = RequestBody<'/api/users', 'post'>;
export type UpdateUserBody = RequestBody<'/api/users/{id}', 'patch'>;

export type AuditPage = ResponseBody<'/api/audit', 'get'>;
export type AuditEvent = AuditPage['items'][number];
export type AuditQuery = QueryParams<'/api/audit', 'get'>;
export type AccessReport = ResponseBody<'/api/audit/patients/{patientId}/access', 'get'>;
export type AccessGroup = AccessReport['items'][number];
export type AccessReportQuery = QueryParams<'/api/audit/patients/{patientId}/access', 'get'>;
