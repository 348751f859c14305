import { Badge, Group } from '@mantine/core';
import type { SessionState } from '@cadence/domain';
import { STATE_COLORS, STATE_LABELS } from '../labels';

export function SessionStateBadge({ state, size = 'lg' }: { state: SessionState; size?: 'md' | 'lg' | 'xl' }) {
  return (
    <Badge color={STATE_COLORS[state]} variant={state === 'EXPECTED' ? 'outline' : 'light'} size={size}>
      {STATE_LABELS[state]}
    </Badge>
  );
}

interface OverdueItem {
  minutesOverdue: number;
}

export interface OverdueMarksProps {
  overdue: { checkIn?: OverdueItem | null; vitals?: OverdueItem | null; discharge?: OverdueItem | null };
}

const WHAT = { checkIn: 'Check-in', vitals: 'Vitals', discharge: 'Discharge' } as const;

/** What is late, in red, with by how much: the API computes it (the domain's sessionOverdue). */
export function OverdueMarks({ overdue }: OverdueMarksProps) {
  const items = (['checkIn', 'vitals', 'discharge'] as const).flatMap((key) => {
    const item = overdue[key];
    return item ? [{ key, minutes: item.minutesOverdue }] : [];
  });
  if (items.length === 0) return null;
  return (
    <Group gap={6} wrap="wrap">
      {items.map(({ key, minutes }) => (
        <Badge key={key} color="red" variant="filled" size="md" data-testid={`overdue-${key}`}>
          {WHAT[key]} overdue {minutes} min
        </Badge>
      ))}
    </Group>
  );
}
