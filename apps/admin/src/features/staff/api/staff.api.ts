import { api } from '../../../api/client';
import { unwrap } from '../../../api/problem';
import type { CreateUserBody, StaffUser, UpdateUserBody } from '../../../api/types';

export async function listStaff(): Promise<StaffUser[]> {
  return unwrap(await api.GET('/api/users')).items;
}

export async function createStaffUser(body: CreateUserBody): Promise<StaffUser> {
  return unwrap(await api.POST('/api/users', { body }));
}

export async function deactivateStaffUser(id: string): Promise<StaffUser> {
  return unwrap(await api.POST('/api/users/{id}/deactivate', { params: { path: { id } } }));
}

export async function updateStaffUser({ id, ...body }: UpdateUserBody & { id: string }): Promise<StaffUser> {
  return unwrap(await api.PATCH('/api/users/{id}', { params: { path: { id } }, body }));
}

export async function resetStaffPassword({ id, password }: { id: string; password: string }): Promise<StaffUser> {
  return unwrap(await api.POST('/api/users/{id}/reset-password', { params: { path: { id } }, body: { password } }));
}

export async function reactivateStaffUser(id: string): Promise<StaffUser> {
  return unwrap(await api.POST('/api/users/{id}/reactivate', { params: { path: { id } } }));
}
