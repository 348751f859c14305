import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { Role, SessionUser } from '../../../api/types';
import { fetchCurrentUser, login, logout } from '../api/auth.api';

export const sessionKey = ['auth', 'session'] as const;

/** The signed-in user (null when signed out). */
export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: fetchCurrentUser,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/**
 * The user the signed-in pages were rendered for. Provided by the session guard, so pages keep
 * a stable user while the guard itself reacts to the session ending.
 */
export const CurrentUserContext = createContext<SessionUser | null>(null);

export function useCurrentUser(): SessionUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser used outside the session guard');
  return user;
}

export function hasAnyRole(user: SessionUser | null | undefined, roles: readonly Role[]): boolean {
  return !!user && user.roles.some((role) => roles.includes(role));
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (user) => {
      // A different person may be signing in on a shared front-desk computer.
      queryClient.clear();
      queryClient.setQueryData(sessionKey, user);
    },
  });
}

/**
 * Signs out and reloads the app at the login page: on a shared front-desk computer nothing
 * loaded under the previous session (patient data included) survives in memory.
 */
export function useLogout() {
  return useMutation({
    mutationFn: logout,
    onSuccess: () => window.location.assign('/login'),
  });
}
