import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { SuggestedAction } from '@cadence/domain';
import { formatClinicTime } from '../../clinic/time';
import { ACTION_LABELS } from '../../infusion/labels';
import type { Flowsheet } from '../api/vitals.api';

interface AlertsPanelProps {
  alerts: Flowsheet['alerts'];
  zone: string;
  /** The session's adverse events (drafts to confirm or dismiss first), below the alerts. */
  children?: ReactNode;
}

/** Each crossing with what to do about it, newest first, in the words the domain gave. */
export function AlertsPanel({ alerts, zone, children }: AlertsPanelProps) {
  const newest = alerts.toSorted((a, b) => b.takenAt.localeCompare(a.takenAt));
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-label="Alerts and adverse events">
      <Text fw={650} size="lg" mb="sm">
        Alerts and adverse events
      </Text>
      <Stack gap="sm">
        {newest.length === 0 ? (
          <Text c="dimmed">No alerts.</Text>
        ) : (
          newest.map((a) => (
            <Card key={`${a.readingId}-${a.code}`} padding="xs" radius="sm" bg="red.0" data-testid="vitals-alert">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Text fw={600} c="red.9">
                  {formatClinicTime(a.takenAt, zone)} · {a.message}
                </Text>
                <Group gap={4}>
                  {a.actions.map((action) => (
                    <Badge key={action} color="red" variant="filled">
                      {ACTION_LABELS[action as SuggestedAction] ?? action}
                      {action === 'RECHECK' && a.recheckInMinutes ? ` in ${a.recheckInMinutes} min` : ''}
                    </Badge>
                  ))}
                </Group>
              </Group>
            </Card>
          ))
        )}
        {children}
      </Stack>
    </Card>
  );
}
