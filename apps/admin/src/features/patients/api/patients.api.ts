import { api } from '../../../api/client';
import { unwrap } from '../../../api/problem';
import type { CreatePatientBody, Patient, PatientPage, PatientQuery, UpdatePatientBody } from '../../../api/types';

export async function listPatients(query: PatientQuery): Promise<PatientPage> {
  return unwrap(await api.GET('/api/patients', { params: { query } }));
}

export async function getPatient(id: string): Promise<Patient> {
  return unwrap(await api.GET('/api/patients/{id}', { params: { path: { id } } }));
}

export async function createPatient(body: CreatePatientBody): Promise<Patient> {
  return unwrap(await api.POST('/api/patients', { body }));
}

export async function updatePatient(id: string, body: UpdatePatientBody): Promise<Patient> {
  return unwrap(await api.PATCH('/api/patients/{id}', { params: { path: { id } }, body }));
}
