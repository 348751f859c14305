import { Anchor, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatClinicDateTime } from '../../clinic/time';
import type { StaffAlert } from '../api/alerts.api';
import { useMarkAlertRead } from '../hooks/useAlerts';

/** The caller's alerts, unread first as the API orders them; reading one marks it read. */
export function AlertsInbox({
  items,
  zone,
  canOpenSession,
}: {
  items: readonly StaffAlert[];
  zone: string;
  canOpenSession: boolean;
}) {
  const markRead = useMarkAlertRead();
  if (items.length === 0)
    return (
      <Card withBorder padding="lg">
        <Text c="dimmed">No alerts.</Text>
      </Card>
    );
  return (
    <Stack gap="sm">
      {items.map((alert) => {
        const unread = alert.readAt === null;
        return (
          <Card
            key={alert.id}
            withBorder
            padding="md"
            radius="md"
            bg={unread ? 'red.0' : undefined}
            data-testid="staff-alert"
          >
            <Group justify="space-between" wrap="wrap" gap="sm">
              <div>
                <Group gap={6}>
                  {unread && (
                    <Badge color="red" variant="filled">
                      Unread
                    </Badge>
                  )}
                  <Text fw={600}>{alert.message}</Text>
                </Group>
                <Text size="sm" c="dimmed">
                  {formatClinicDateTime(alert.createdAt, zone)}
                  {alert.patient &&
                    ` · ${alert.patient.familyName}, ${alert.patient.givenName} (MRN ${alert.patient.mrn})`}
                </Text>
              </div>
              <Group gap="xs">
                {alert.sessionId && canOpenSession && (
                  <Anchor
                    component={Link}
                    to={`/sessions/${alert.sessionId}`}
                    onClick={() => unread && markRead.mutate(alert.id)}
                  >
                    Open the session
                  </Anchor>
                )}
                {unread && (
                  <Button
                    size="md"
                    variant="light"
                    loading={markRead.isPending}
                    onClick={() => markRead.mutate(alert.id)}
                  >
                    Mark read
                  </Button>
                )}
              </Group>
            </Group>
          </Card>
        );
      })}
    </Stack>
  );
}
