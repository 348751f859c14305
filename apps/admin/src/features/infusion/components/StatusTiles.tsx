import { Card, SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatClinicTime } from '../../clinic/time';
import { formatElapsed, vitalsCountdown } from '../clock';
import { useNow } from '../hooks/useNow';

function Tile({
  label,
  children,
  tone,
  testId,
}: {
  label: string;
  children: ReactNode;
  tone?: 'alert';
  testId?: string;
}) {
  return (
    <Card
      withBorder
      radius="md"
      padding="sm"
      bg={tone === 'alert' ? 'red.0' : undefined}
      style={tone === 'alert' ? { borderColor: 'var(--mantine-color-red-6)' } : undefined}
      data-testid={testId}
    >
      <Text size="sm" c={tone === 'alert' ? 'red.8' : 'dimmed'} fw={600}>
        {label}
      </Text>
      {children}
    </Card>
  );
}

interface StatusTilesProps {
  zone: string;
  startedAt: string | null;
  stoppedAt: string | null;
  /** The next vitals due time from the flowsheet, when the session is being monitored. */
  vitalsDueAt?: string | null;
  vitalsGraceMinutes?: number;
  rate?: ReactNode;
  given?: ReactNode;
}

/** What the nurse reads from across the room: time since start, the vitals countdown, the dose. */
export function StatusTiles({
  zone,
  startedAt,
  stoppedAt,
  vitalsDueAt,
  vitalsGraceMinutes,
  rate,
  given,
}: StatusTilesProps) {
  const now = useNow();
  const countdown = vitalsDueAt ? vitalsCountdown(Date.parse(vitalsDueAt), now, vitalsGraceMinutes) : null;
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" mb="md">
      <Tile label="Since start" testId="since-start">
        <Text fz={24} fw={700} lh={1.2}>
          {startedAt ? formatElapsed((stoppedAt ? Date.parse(stoppedAt) : now) - Date.parse(startedAt)) : '—'}
        </Text>
        <Text size="sm" c="dimmed">
          {startedAt
            ? `started ${formatClinicTime(startedAt, zone)}${stoppedAt ? `, stopped ${formatClinicTime(stoppedAt, zone)}` : ''}`
            : 'not started'}
        </Text>
      </Tile>
      <Tile label="Next vitals" tone={countdown?.overdue ? 'alert' : undefined} testId="vitals-countdown">
        <Text fz={24} fw={700} lh={1.2} c={countdown?.overdue ? 'red.8' : undefined}>
          {countdown ? countdown.text : '—'}
        </Text>
        <Text size="sm" c={countdown?.overdue ? 'red.8' : 'dimmed'}>
          {vitalsDueAt
            ? `due ${formatClinicTime(vitalsDueAt, zone)}${countdown?.overdue ? ' · overdue' : ''}`
            : 'none due'}
        </Text>
      </Tile>
      <Tile label="Rate">
        {rate ?? (
          <Text fz={24} fw={700} lh={1.2}>
            —
          </Text>
        )}
      </Tile>
      <Tile label="Given so far">
        {given ?? (
          <Text fz={24} fw={700} lh={1.2}>
            —
          </Text>
        )}
      </Tile>
    </SimpleGrid>
  );
}
