import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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

/** The signed-in user; only for components rendered inside the authenticated layout. */
export function useCurrentUser(): SessionUser {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentUser used outside an authenticated route');
  return data;
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

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      // Patient data must not outlive the session in memory.
      queryClient.clear();
      queryClient.setQueryData(sessionKey, null);
    },
  });
}
