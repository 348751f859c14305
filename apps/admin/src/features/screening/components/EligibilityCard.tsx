import { Badge, Card, Group, List, Skeleton, Stack, Text, Title } from '@mantine/core';
import { formatDate } from '../../../shared/dates';
import { useClinicClock } from '../../clinic/hooks/useClinicClock';
import { QueryError } from '../../../shared/QueryError';
import type { EligibilityDecisionReason } from '../api/types';
import { useEligibility } from '../hooks/useScreenings';
import { KIND_LABELS } from '../labels';
import { ResultBadge, ScreeningFlags } from './ScreeningBadges';

const STATUS_SENTENCE = {
  ELIGIBLE: 'Cleared for treatment on the signed screenings.',
  NEEDS_REVIEW: 'A clinician must review before treatment.',
  CONTRAINDICATED: 'Treatment is contraindicated.',
  NOT_ELIGIBLE: 'Not cleared: a required screening is missing or expired.',
} as const;

function ReasonLine({ reason, showEvidence }: { reason: EligibilityDecisionReason; showEvidence: boolean }) {
  const overridden = reason.overridden || reason.overriddenBy;
  return (
    <List.Item>
      <Group gap={6} wrap="wrap">
        <Text size="sm" fw={500} c={overridden ? 'dimmed' : undefined}>
          {reason.reason}
        </Text>
        <Badge size="xs" variant="outline" color="gray">
          {KIND_LABELS[reason.kind]}
        </Badge>
        {reason.severity && (
          <Badge size="xs" variant="outline" color={reason.severity === 'ABSOLUTE' ? 'red' : 'orange'}>
            {reason.severity === 'ABSOLUTE' ? 'Absolute' : 'Relative'}
          </Badge>
        )}
        {overridden && (
          <Badge size="xs" variant="light" color="teal">
            Accepted by clinician
          </Badge>
        )}
      </Group>
      {showEvidence && reason.evidence && (
        <Text size="xs" c="dimmed">
          {reason.evidence}
        </Text>
      )}
      {showEvidence && reason.overriddenBy?.reason && (
        <Text size="xs" c="dimmed">
          Override reason: {reason.overriddenBy.reason}
        </Text>
      )}
    </List.Item>
  );
}

/**
 * The patient's eligibility for treatment today, as the API decides it, with every reason.
 * Schedulers see the decision and reasons; the answers behind them only with `showEvidence`.
 */
export function EligibilityCard({ patientId, showEvidence }: { patientId: string; showEvidence: boolean }) {
  const { today: on } = useClinicClock();
  const eligibility = useEligibility(patientId, on);

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="eligibility-title">
      <Group justify="space-between" align="flex-start" mb="sm" wrap="wrap">
        <div>
          <Title order={2} size="h4" id="eligibility-title">
            Eligibility for treatment
          </Title>
          <Text size="sm" c="dimmed">
            Today, {formatDate(on)}
          </Text>
        </div>
        {eligibility.data && (
          <Group gap="xs" aria-label="Eligibility status">
            <ResultBadge result={eligibility.data.status} size="lg" />
          </Group>
        )}
      </Group>
      {eligibility.isPending && <Skeleton height={48} radius="sm" />}
      {eligibility.isError && (
        <QueryError
          error={eligibility.error}
          onRetry={() => eligibility.refetch()}
          title="Could not load eligibility"
        />
      )}
      {eligibility.data && (
        <Stack gap="sm">
          <Text size="sm">
            {STATUS_SENTENCE[eligibility.data.status]}
            {eligibility.data.expiresAt &&
              eligibility.data.status !== 'NOT_ELIGIBLE' &&
              ` Holds until ${formatDate(eligibility.data.expiresAt)}.`}
          </Text>
          <ScreeningFlags
            suicidalityFlag={eligibility.data.suicidalityFlag}
            noSerialInfusions={eligibility.data.noSerialInfusionsWithoutOverride}
          />
          {eligibility.data.reasons.length > 0 && (
            <List spacing={6} aria-label="Eligibility reasons">
              {eligibility.data.reasons.map((reason, i) => (
                <ReasonLine
                  key={`${reason.type}-${reason.kind}-${reason.ruleId ?? i}`}
                  reason={reason}
                  showEvidence={showEvidence}
                />
              ))}
            </List>
          )}
          {eligibility.data.requiresOnTheDay.length > 0 && (
            <Text size="sm" c="orange.9">
              Re-confirm on the treatment day: {eligibility.data.requiresOnTheDay.join(', ')}.
            </Text>
          )}
        </Stack>
      )}
    </Card>
  );
}
