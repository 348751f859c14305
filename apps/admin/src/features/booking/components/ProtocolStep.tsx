import { Badge, Group, NumberInput, Radio, Stack, Text } from '@mantine/core';
import { CenteredLoader } from '../../../shared/CenteredLoader';
import { QueryError } from '../../../shared/QueryError';
import { hasSessionsToBook, HOME_PROTOCOL_RULE, sessionCountProblem, type Protocol } from '@cadence/domain';
import type { ProtocolRecord } from '../../protocols/api/protocols.api';
import { describePattern, ROUTE_LABELS, SETTING_LABELS } from '../../protocols/describe';
import { useProtocols } from '../../protocols/hooks/useProtocols';
import { ClinicDateInput } from '../../../shared/ClinicDateInput';

interface ProtocolStepProps {
  protocolId: string | null;
  onProtocolChange: (protocol: ProtocolRecord) => void;
  sessions: number | null;
  onSessionsChange: (value: number | null) => void;
  earliest: string;
  onEarliestChange: (value: string) => void;
  minEarliest: string;
}

export const isBookable = (p: ProtocolRecord) => hasSessionsToBook(p.definition);
const homeProtocolText = `${HOME_PROTOCOL_RULE.charAt(0).toUpperCase()}${HOME_PROTOCOL_RULE.slice(1)}.`;

/** Why this session count cannot be booked (the domain's rule for the pattern), or null. */
export function sessionsError(pattern: Protocol['pattern'], sessions: number | null): string | null {
  const problem = sessionCountProblem(pattern, sessions ?? undefined);
  return problem ? `This protocol ${problem}` : null;
}

export function ProtocolStep(props: ProtocolStepProps) {
  const protocols = useProtocols();
  if (protocols.isPending) return <CenteredLoader label="Loading protocols" />;
  if (protocols.isError) {
    return <QueryError error={protocols.error} onRetry={() => protocols.refetch()} title="Could not load protocols" />;
  }
  const active = protocols.data.filter((p) => p.active);
  const chosen = active.find((p) => p.id === props.protocolId);
  const pattern = chosen?.definition.pattern;

  return (
    <Stack gap="lg">
      <Radio.Group
        value={props.protocolId}
        onChange={(id) => {
          const p = active.find((x) => x.id === id);
          if (p) props.onProtocolChange(p);
        }}
        label="Protocol"
        description="The course is booked under the protocol version shown."
        labelProps={{ fw: 650, fz: 'md' }}
      >
        <Stack gap="xs" mt="xs">
          {active.map((p) => {
            const bookable = isBookable(p);
            return (
              <Radio.Card
                key={p.id}
                value={p.id}
                disabled={!bookable}
                radius="md"
                p="md"
                aria-label={p.name}
                style={bookable ? undefined : { opacity: 0.6, cursor: 'not-allowed' }}
              >
                <Group wrap="nowrap" align="flex-start" gap="md">
                  <Radio.Indicator mt={3} disabled={!bookable} />
                  <div style={{ flex: 1 }}>
                    <Group gap="xs" justify="space-between" wrap="wrap">
                      <Text fw={600}>{p.name}</Text>
                      <Group gap={6}>
                        <Badge variant="light" color="gray">
                          {ROUTE_LABELS[p.route] ?? p.route}
                        </Badge>
                        <Badge
                          variant="light"
                          color={p.setting === 'BED' ? 'grape' : p.setting === 'HOME' ? 'gray' : 'cadence'}
                        >
                          {SETTING_LABELS[p.setting] ?? p.setting}
                        </Badge>
                      </Group>
                    </Group>
                    <Text size="sm" c="dimmed" mt={2}>
                      {describePattern(p.definition)}
                    </Text>
                    {!bookable && (
                      <Text size="sm" mt={4} c="dark.4">
                        {homeProtocolText}
                      </Text>
                    )}
                  </div>
                </Group>
              </Radio.Card>
            );
          })}
        </Stack>
      </Radio.Group>

      <Group align="flex-start" gap="lg" wrap="wrap">
        {pattern?.kind === 'WEEKDAYS' && (
          <NumberInput
            label="Number of sessions"
            description={`Weekdays only; ${pattern.minSessions}–${pattern.maxSessions} sessions`}
            clampBehavior="none"
            value={props.sessions ?? ''}
            onChange={(v) => props.onSessionsChange(typeof v === 'number' ? v : null)}
            error={sessionsError(pattern, props.sessions)}
            size="md"
            w={240}
          />
        )}
        <ClinicDateInput
          label="Earliest first session"
          description="Clinic date; options start on or after it"
          value={props.earliest}
          error={props.earliest && props.earliest < props.minEarliest ? 'Choose today or a later date' : null}
          onChange={props.onEarliestChange}
          size="md"
          w={240}
        />
      </Group>
    </Stack>
  );
}
