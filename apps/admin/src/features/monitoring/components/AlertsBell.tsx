import { Badge, Button } from '@mantine/core';
import { Link } from 'react-router';
import { useAlerts } from '../hooks/useAlerts';

/** The header's way to the inbox, with the unread count in red while there is any. */
export function AlertsBell() {
  const alerts = useAlerts();
  const unread = alerts.data?.unreadCount ?? 0;
  return (
    <Button
      component={Link}
      to="/alerts"
      variant={unread > 0 ? 'light' : 'subtle'}
      color={unread > 0 ? 'red' : 'gray'}
      size="sm"
      aria-label={unread > 0 ? `Alerts, ${unread} unread` : 'Alerts, none unread'}
      rightSection={
        unread > 0 ? (
          <Badge color="red" variant="filled" size="sm" circle={unread < 10} data-testid="unread-alerts">
            {unread}
          </Badge>
        ) : undefined
      }
    >
      Alerts
    </Button>
  );
}
