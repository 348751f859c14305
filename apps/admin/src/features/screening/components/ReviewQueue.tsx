import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useClinicClock } from '../../clinic/hooks/useClinicClock';
import { formatClinicDateTime } from '../../clinic/time';
import type { ReviewQueueItem } from '../api/types';
import { KIND_LABELS } from '../labels';
import { ReasonList, ScreeningFlags, StandingBadge } from './ScreeningBadges';
import { ReviewActions } from './ReviewActions';

export const patientLabel = (p: ReviewQueueItem['patient']) => `${p.familyName}, ${p.givenName} (MRN ${p.mrn})`;

/** One submitted screening awaiting a decision: whose, what was found, and the three decisions. */
function QueueEntry({ item, position }: { item: ReviewQueueItem; position: number }) {
  const { zone } = useClinicClock();
  const who = patientLabel(item.patient);
  const accent = item.suicidalityFlag
    ? 'var(--mantine-color-red-7)'
    : item.result === 'CONTRAINDICATED'
      ? 'var(--mantine-color-red-4)'
      : item.result === 'NEEDS_REVIEW'
        ? 'var(--mantine-color-orange-5)'
        : 'var(--mantine-color-gray-3)';
  return (
    <Card
      component="li"
      withBorder
      radius="md"
      padding="lg"
      aria-label={`${position}. ${who}, ${KIND_LABELS[item.kind]} screening`}
      style={{ borderLeft: `6px solid ${accent}` }}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <div>
            <Anchor component={Link} to={`/patients/${item.patient.id}`} fw={600} size="lg">
              {item.patient.familyName}, {item.patient.givenName}
            </Anchor>
            <Text size="sm" c="dimmed">
              MRN {item.patient.mrn} · {KIND_LABELS[item.kind]} screening · submitted{' '}
              {formatClinicDateTime(item.submittedAt, zone)}
            </Text>
          </div>
          <Group gap="xs">
            <ScreeningFlags suicidalityFlag={item.suicidalityFlag} noSerialInfusions={item.noSerialInfusions} />
            <StandingBadge screening={item} size="lg" withDetail />
          </Group>
        </Group>
        <ReasonList reasons={item.reasons ?? []} empty="No contraindication found." />
        <Group justify="space-between" wrap="wrap">
          <Anchor component={Link} to={`/screenings/${item.id}`} size="sm">
            Open answers and scores
          </Anchor>
          <ReviewActions screening={item} patientLabel={who} />
        </Group>
      </Stack>
    </Card>
  );
}

/** The queue in the API's order: suicidality flags first, then NEEDS_REVIEW, then the rest. */
export function ReviewQueue({ items }: { items: ReviewQueueItem[] }) {
  const flagged = items.filter((i) => i.suicidalityFlag).length;
  return (
    <Stack gap="md">
      <Group gap="xs">
        <Badge variant="light" color="gray" size="lg" radius="sm">
          {items.length} awaiting review
        </Badge>
        {flagged > 0 && (
          <Badge variant="filled" color="red" size="lg" radius="sm">
            {flagged} with suicidality flag
          </Badge>
        )}
      </Group>
      <Stack
        component="ol"
        aria-label="Screenings awaiting review"
        gap="md"
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
      >
        {items.map((item, i) => (
          <QueueEntry key={item.id} item={item} position={i + 1} />
        ))}
      </Stack>
    </Stack>
  );
}
