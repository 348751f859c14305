import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '../api/types';
import { CurrentUserContext, hasAnyRole, useSession } from '../features/auth/hooks/useSession';
import { ClinicClockProvider } from '../features/clinic/hooks/useClinicClock';
import { CenteredLoader } from '../shared/CenteredLoader';
import { QueryError } from '../shared/QueryError';
import { NoAccessPage } from '../pages/NoAccessPage';

/** Renders child routes only for a signed-in user; others go to the login page and come back. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <CenteredLoader label="Checking your session" />;
  if (session.isError) {
    return (
      <div style={{ maxWidth: 560, margin: '64px auto' }}>
        <QueryError error={session.error} onRetry={() => session.refetch()} title="Cannot reach Cadence" />
      </div>
    );
  }
  if (!session.data) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <CurrentUserContext.Provider value={session.data}>
      <ClinicClockProvider>
        <Outlet />
      </ClinicClockProvider>
    </CurrentUserContext.Provider>
  );
}

/** Deny by default: a route names the roles that may see it. */
export function RequireRole({ roles }: { roles: readonly Role[] }) {
  const session = useSession();
  return hasAnyRole(session.data, roles) ? <Outlet /> : <NoAccessPage />;
}
