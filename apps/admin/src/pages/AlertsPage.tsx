import { hasAnyRole, useCurrentUser } from '../features/auth/hooks/useSession';
import { useClinicClock } from '../features/clinic/hooks/useClinicClock';
import { INFUSION_ROLES } from '../features/infusion/labels';
import { AlertsInbox } from '../features/monitoring/components/AlertsInbox';
import { useAlerts } from '../features/monitoring/hooks/useAlerts';
import { CenteredLoader } from '../shared/CenteredLoader';
import { PageHeader } from '../shared/PageHeader';
import { QueryError } from '../shared/QueryError';

export function AlertsPage() {
  const alerts = useAlerts();
  const { zone } = useClinicClock();
  const user = useCurrentUser();
  const unread = alerts.data?.unreadCount ?? 0;
  return (
    <>
      <PageHeader
        title="Alerts"
        description={alerts.data ? `${unread} unread · serious and grade 3 or higher adverse events` : undefined}
      />
      {alerts.isPending ? (
        <CenteredLoader label="Loading your alerts" />
      ) : alerts.isError ? (
        <QueryError error={alerts.error} onRetry={() => alerts.refetch()} title="Could not load your alerts" />
      ) : (
        <AlertsInbox items={alerts.data.items} zone={zone} canOpenSession={hasAnyRole(user, INFUSION_ROLES)} />
      )}
    </>
  );
}
