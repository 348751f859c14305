import { Alert, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { CenteredLoader } from '../../../shared/CenteredLoader';
import { formatDate } from '../../../shared/dates';
import { QueryError } from '../../../shared/QueryError';
import type { BoosterChecks } from '../../follow-up/api/boosters.api';
import { BoosterChecksTable } from '../../follow-up/components/BoosterChecksTable';

/**
 * What the booking of a booster rests on: the course it follows and every pre-booster check for the
 * chosen protocol and first day, as the API judges them now (the booking re-runs them all).
 */
export function BoosterPanel({
  checks,
  boosterOf,
  onUseDate,
}: {
  checks: UseQueryResult<BoosterChecks>;
  boosterOf: string;
  onUseDate: (date: string) => void;
}) {
  if (checks.isPending) return <CenteredLoader label="Checking the booster" />;
  if (checks.isError)
    return <QueryError error={checks.error} onRetry={() => checks.refetch()} title="Could not check the booster" />;
  const c = checks.data;
  const { decision } = c;
  const absolute = decision.standing.some((r) => r.severity === 'ABSOLUTE');
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-label="Booster checks">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={650}>
            Booster under {c.protocol.name}, from {formatDate(c.on)}
          </Text>
          <Badge color={decision.allowed ? 'green' : 'red'} variant="filled">
            {decision.allowed ? 'May be booked' : 'Held'}
          </Badge>
        </Group>
        {c.lastCourse ? (
          <Text size="sm" c="dimmed">
            It follows the course whose last session was {formatDate(c.lastCourse.lastSessionOn)}
            {c.relief ? ` · ${c.relief.message}` : ''}
          </Text>
        ) : (
          <Text size="sm" c="red.8">
            The patient has no completed course for a booster to follow.
          </Text>
        )}
        {c.lastCourse && c.lastCourse.id !== boosterOf && (
          <Alert color="orange" variant="light" title="Another course was completed since">
            A booster follows the patient&apos;s last completed course; these checks are for a booster of that one, and
            the booking will be refused for the course this page was opened for.
          </Alert>
        )}
        {c.earliestOn && c.earliestOn > c.on && (
          <Group gap="xs">
            <Text size="sm">The protocol&apos;s interval allows a booster from {formatDate(c.earliestOn)}.</Text>
            <Button size="compact-sm" variant="light" onClick={() => onUseDate(c.earliestOn!)}>
              Search from {formatDate(c.earliestOn)}
            </Button>
          </Group>
        )}
        <BoosterChecksTable checks={c.checks} />
        {c.approval && decision.accepted.length > 0 && (
          <Text size="sm" c="teal.8">
            A clinician approved {decision.accepted.length === 1 ? 'one relative reason' : 'the relative reasons'} on{' '}
            {formatDate(c.approval.approvedAt.slice(0, 10))}: {c.approval.reason}. The booking cites this approval.
          </Text>
        )}
        {!decision.allowed && (
          <Text size="sm" c="red.8">
            {absolute
              ? 'An absolute reason holds this booster until its cause is fixed; no approval lifts it.'
              : "A clinician's written approval (from the booster queue) may accept the relative reasons before it is booked."}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
