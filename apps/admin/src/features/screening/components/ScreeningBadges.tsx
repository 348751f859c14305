import { Badge, Group, List, Text } from '@mantine/core';
import type { EligibilityReason } from '@cadence/domain';
import type { EligibilityStatus, ScreeningStatus } from '../api/types';
import { RESULT_COLORS, RESULT_LABELS, STATUS_COLORS, STATUS_LABELS } from '../labels';

export function ResultBadge({
  result,
  size = 'md',
}: {
  result: EligibilityStatus | null | undefined;
  size?: 'sm' | 'md' | 'lg';
}) {
  if (!result) return null;
  return (
    <Badge color={RESULT_COLORS[result]} variant={result === 'ELIGIBLE' ? 'light' : 'filled'} size={size}>
      {RESULT_LABELS[result]}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: ScreeningStatus }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="outline">
      {STATUS_LABELS[status]}
    </Badge>
  );
}

/** Flags said in words, so they are not carried by colour alone. */
export function ScreeningFlags({
  suicidalityFlag,
  noSerialInfusions,
}: {
  suicidalityFlag: boolean;
  noSerialInfusions?: boolean;
}) {
  if (!suicidalityFlag && !noSerialInfusions) return null;
  return (
    <Group gap="xs">
      {suicidalityFlag && (
        <Badge color="red" variant="filled" size="lg" radius="sm">
          Suicidality flag
        </Badge>
      )}
      {noSerialInfusions && (
        <Badge color="orange" variant="light" size="lg" radius="sm">
          No serial infusions without override
        </Badge>
      )}
    </Group>
  );
}

/** Each fired rule's plain-language reason; with `showEvidence`, the answers that fired it. */
export function ReasonList({
  reasons,
  showEvidence = true,
  empty = 'No rule fired.',
}: {
  reasons: readonly EligibilityReason[];
  showEvidence?: boolean;
  empty?: string;
}) {
  if (reasons.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <List spacing={6} size="sm" aria-label="Reasons">
      {reasons.map((r) => (
        <List.Item key={r.ruleId}>
          <Text size="sm" span fw={500}>
            {r.reason}
          </Text>{' '}
          <Badge size="xs" variant="outline" color={r.severity === 'ABSOLUTE' ? 'red' : 'orange'}>
            {r.severity === 'ABSOLUTE' ? 'Absolute' : 'Relative'}
          </Badge>
          {showEvidence && r.evidence && (
            <Text size="xs" c="dimmed">
              {r.evidence}
            </Text>
          )}
        </List.Item>
      ))}
    </List>
  );
}
