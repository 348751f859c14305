import { api } from '../../../api/client';
import { ApiError, ensureOk, unwrap } from '../../../api/problem';
import type { SessionUser } from '../../../api/types';

export interface Credentials {
  email: string;
  password: string;
}

export async function login(credentials: Credentials): Promise<SessionUser> {
  return unwrap(await api.POST('/api/auth/login', { body: credentials })).user;
}

/** The signed-in user, or null when there is no session (a 401 is an answer, not an error). */
export async function fetchCurrentUser(): Promise<SessionUser | null> {
  const result = await api.GET('/api/auth/me');
  if (result.response.status === 401) {
    // The access cookie may simply have expired: try the refresh cookie once.
    const refreshed = await api.POST('/api/auth/refresh');
    if (refreshed.response.status === 401) return null;
    return unwrap(refreshed).user;
  }
  return unwrap(result).user;
}

export async function logout(): Promise<void> {
  try {
    ensureOk(await api.POST('/api/auth/logout'));
  } catch (error) {
    // Already signed out is the outcome we wanted.
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  }
}
