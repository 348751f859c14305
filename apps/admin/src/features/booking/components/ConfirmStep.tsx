import { Alert, Button, Group, List, NumberInput, Stack, Text } from '@mantine/core';
import { usePatient } from '../../patients/hooks/usePatients';
import type { ProtocolRecord } from '../../protocols/api/protocols.api';
import { describePattern } from '../../protocols/describe';
import type { CoursePlanOption } from '../api/booking.api';
import { bookingProblem } from '../bookingErrors';
import { SessionsTable } from './SessionsTable';

/** The baseline scores are 0–10 scales; out of range is said beside the field, never clamped. */
export const SCORE_MIN = 0;
export const SCORE_MAX = 10;
export const scoreError = (v: number | null) =>
  v === null || (Number.isInteger(v) && v >= SCORE_MIN && v <= SCORE_MAX)
    ? null
    : `Enter a whole number from ${SCORE_MIN} to ${SCORE_MAX}`;

interface ConfirmStepProps {
  patientId: string;
  protocol: ProtocolRecord;
  plan: CoursePlanOption;
  zone: string;
  painNrs: number | null;
  interference: number | null;
  onBaseline: (change: { painNrs?: number | null; interference?: number | null }) => void;
  error: unknown;
  onSearchAgain: () => void;
}

const score = (v: string | number) => (typeof v === 'number' ? v : null);

export function ConfirmStep(props: ConfirmStepProps) {
  const patient = usePatient(props.patientId);
  const problem = props.error ? bookingProblem(props.error) : null;
  return (
    <Stack mt="lg" gap="lg">
      {problem && (
        <Alert color="red" variant="light" role="alert" title={problem.title}>
          <Stack gap="xs">
            <Text size="sm">{problem.message}</Text>
            {problem.reasons.length > 0 && (
              <List size="sm">
                {problem.reasons.map((r) => (
                  <List.Item key={r}>{r}</List.Item>
                ))}
              </List>
            )}
            {problem.searchAgain && (
              <Group>
                <Button size="xs" color="red" onClick={props.onSearchAgain}>
                  Search again
                </Button>
              </Group>
            )}
          </Stack>
        </Alert>
      )}
      <div>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          Patient
        </Text>
        <Text fw={600}>
          {patient.data ? `${patient.data.familyName}, ${patient.data.givenName} · MRN ${patient.data.mrn}` : '…'}
        </Text>
      </div>
      <div>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          Protocol
        </Text>
        <Text fw={600}>
          {props.protocol.name}{' '}
          <Text span c="dimmed" size="sm">
            (version {props.protocol.version})
          </Text>
        </Text>
        <Text size="sm" c="dimmed">
          {describePattern(props.protocol.definition)}
        </Text>
      </div>
      <SessionsTable sessions={props.plan.sessions} zone={props.zone} label="Sessions" />
      <Group align="flex-start" gap="lg" wrap="wrap">
        <NumberInput
          label="Baseline pain (NRS 0–10)"
          description="Optional; today's average pain, 0 to 10"
          clampBehavior="none"
          value={props.painNrs ?? ''}
          onChange={(v) => props.onBaseline({ painNrs: score(v) })}
          error={scoreError(props.painNrs)}
          w={260}
        />
        <NumberInput
          label="Baseline pain interference (0–10)"
          description="Optional; how much pain gets in the way, 0 to 10"
          clampBehavior="none"
          value={props.interference ?? ''}
          onChange={(v) => props.onBaseline({ interference: score(v) })}
          error={scoreError(props.interference)}
          w={300}
        />
      </Group>
    </Stack>
  );
}
