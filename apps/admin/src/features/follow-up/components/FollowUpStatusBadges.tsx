import { Badge, Group } from '@mantine/core';
import type { FollowUpStatus, FollowUpStatusCode } from '@cadence/domain';
import { EXTRA_BADGES, STATUS_COLORS, STATUS_LABELS } from '../labels';

/** The follow-up's status as the API gave it, with "Last day" when the window closes tonight. */
export function FollowUpStatusBadges({ state }: { state: { status: string; reasons: readonly { code: string }[] } }) {
  const status = state.status as FollowUpStatus;
  const extras = state.reasons
    .map((r) => EXTRA_BADGES[r.code as FollowUpStatusCode])
    .filter((b): b is { label: string; color: string } => !!b)
    .filter((b, i, all) => all.findIndex((o) => o.label === b.label) === i);
  return (
    <Group gap={6} wrap="wrap">
      <Badge color={STATUS_COLORS[status] ?? 'gray'} variant="filled">
        {STATUS_LABELS[status] ?? status}
      </Badge>
      {extras.map((b) => (
        <Badge key={b.label} color={b.color} variant="outline">
          {b.label}
        </Badge>
      ))}
    </Group>
  );
}
