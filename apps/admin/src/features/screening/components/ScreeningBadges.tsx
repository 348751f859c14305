import { Badge, Group, List, Stack, Text } from '@mantine/core';
import {
  screeningStanding,
  type EligibilityReason,
  type ScreeningForStanding,
  type ScreeningStandingCode,
} from '@cadence/domain';
import type { EligibilityStatus } from '../api/types';
import { RESULT_COLORS, RESULT_LABELS } from '../labels';

/** Colour only helps the words: green is kept for what a course may rely on. */
const STANDING_COLORS: Record<ScreeningStandingCode, string> = {
  DRAFT: 'gray',
  AWAITING_CLINICIAN: 'blue',
  ELIGIBLE: 'green',
  ELIGIBLE_BY_OVERRIDE: 'teal',
  CONTRAINDICATED: 'red',
  NEEDS_REVIEW: 'orange',
  DECLINED: 'dark',
};

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

/**
 * One screening's standing (the domain's screeningStanding): a computed result awaiting a clinician is
 * never shown as eligible, and an override is shown as such; with `withDetail`, what stands behind it.
 */
export function StandingBadge({
  screening,
  size = 'md',
  withDetail = false,
}: {
  screening: ScreeningForStanding;
  size?: 'sm' | 'md' | 'lg';
  withDetail?: boolean;
}) {
  const standing = screeningStanding(screening);
  const badge = (
    <Badge
      color={STANDING_COLORS[standing.code]}
      variant={standing.clears || standing.code === 'CONTRAINDICATED' ? 'filled' : 'light'}
      size={size}
      title={standing.detail ?? undefined}
      style={{ flexShrink: 0 }}
    >
      {standing.label}
    </Badge>
  );
  if (!withDetail || !standing.detail) return badge;
  return (
    <Stack gap={2} align="flex-end">
      {badge}
      <Text size="xs" c="dimmed" ta="right" maw={320}>
        {standing.detail}
      </Text>
    </Stack>
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
