import { Badge, List, Table, Text } from '@mantine/core';
import type { BoosterCheck } from '../api/boosters.api';

const CHECK_LABELS: Record<BoosterCheck['check'], string> = {
  POLICY: "The protocol's booster policy",
  SCREENING_VALID: 'Eligibility still valid',
  BLADDER_SYMPTOMS_REVIEWED: 'Bladder symptoms negative or reviewed',
  CUMULATIVE_DOSE_UNDER_CAP: 'Cumulative dose under its caps',
  RESPONSE_TO_LAST_COURSE: 'A response to the last course',
};

const RESULT_BADGES: Record<BoosterCheck['result'], { label: string; color: string }> = {
  PASS: { label: 'PASS', color: 'green' },
  RELATIVE: { label: 'RELATIVE', color: 'orange' },
  ABSOLUTE: { label: 'ABSOLUTE', color: 'red' },
  NOT_REQUIRED: { label: 'NOT REQUIRED', color: 'gray' },
};

const RESULT_MEANING: Record<BoosterCheck['result'], string> = {
  PASS: 'passes',
  RELATIVE: "a clinician's written approval may accept it",
  ABSOLUTE: 'holds the booster until its cause is fixed',
  NOT_REQUIRED: 'not required by the policy',
};

/** Each pre-booster check with its state and reasons, as the API judged them. */
export function BoosterChecksTable({ checks }: { checks: readonly BoosterCheck[] }) {
  return (
    <Table fz="sm" verticalSpacing={6} aria-label="Pre-booster checks" layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="34%">Check</Table.Th>
          <Table.Th w={130}>State</Table.Th>
          <Table.Th>Reasons</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {checks.map((check) => (
          <Table.Tr key={check.check}>
            <Table.Td>{CHECK_LABELS[check.check] ?? check.check}</Table.Td>
            <Table.Td>
              <Badge
                color={RESULT_BADGES[check.result].color}
                variant={check.result === 'PASS' || check.result === 'NOT_REQUIRED' ? 'light' : 'filled'}
                title={RESULT_MEANING[check.result]}
              >
                {RESULT_BADGES[check.result].label}
              </Badge>
            </Table.Td>
            <Table.Td>
              {check.reasons.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {RESULT_MEANING[check.result]}
                </Text>
              ) : (
                <List size="sm" spacing={2}>
                  {check.reasons.map((reason) => (
                    <List.Item key={`${reason.code}-${reason.message}`}>{reason.message}</List.Item>
                  ))}
                </List>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
