import { api } from '../../../api/client';
import { unwrap } from '../../../api/problem';
import type { CreateUserBody, StaffUser } from '../../../api/types';

export async function listStaff(): Promise<StaffUser[]> {
  return unwrap(await api.GET('/api/users')).items;
}

export async function createStaffUser(body: CreateUserBody): Promise<StaffUser> {
  return unwrap(await api.POST('/api/users', { body }));
}

export async function deactivateStaffUser(id: string): Promise<StaffUser> {
  return unwrap(await api.POST('/api/users/{id}/deactivate', { params: { path: { id } } }));
}
