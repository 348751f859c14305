import { Navigate } from 'react-router';
import { homeFor } from '../app/navigation';
import { useCurrentUser } from '../features/auth/hooks/useSession';

export function HomeRedirect() {
  return <Navigate to={homeFor(useCurrentUser())} replace />;
}
