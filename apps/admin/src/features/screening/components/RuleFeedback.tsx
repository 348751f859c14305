import { Badge, Stack, Text } from '@mantine/core';
import {
  evaluateEligibility,
  screeningSettingsOf,
  type Answers,
  type ClinicScreeningSettings,
  type ScreeningSex,
} from '@cadence/domain';
import { useMemo } from 'react';
import { useClinic } from '../../clinic/hooks/useClinic';
import { useClinicClock } from '../../clinic/hooks/useClinicClock';

/** The clinic's screening limits, as the API reads them when the screening is submitted. */
function useScreeningSettings(): ClinicScreeningSettings | undefined {
  const { data: clinic } = useClinic();
  return useMemo(() => clinic && screeningSettingsOf(clinic), [clinic]);
}

/**
 * While the nurse types: every eligibility rule the answers so far trip, with its evidence, from the
 * same domain rules and clinic limits the API applies at submission. Only valid answers are judged
 * (an impossible pair is refused beside its field instead), so this never shows a rule the stored
 * screening would not.
 */
export function RuleFeedback({
  answers,
  sex,
  hasInvalidAnswers,
}: {
  answers: Answers;
  sex: ScreeningSex | undefined;
  hasInvalidAnswers: boolean;
}) {
  const settings = useScreeningSettings();
  const { today } = useClinicClock();
  const decision = useMemo(
    () => (settings ? evaluateEligibility({ answers, assessedOn: today, sex }, settings) : undefined),
    [answers, today, sex, settings],
  );
  if (!decision) return null;
  return (
    <section aria-label="What the answers so far mean">
      <Text size="sm" fw={600} mb={4}>
        What the answers so far mean
      </Text>
      {decision.reasons.length === 0 ? (
        <Text size="sm" c="dimmed">
          No eligibility rule is tripped by the answers so far.
        </Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {decision.reasons.map((reason) => (
            <li key={reason.ruleId}>
              <Badge
                size="sm"
                color={reason.severity === 'ABSOLUTE' ? 'red' : 'orange'}
                variant={reason.severity === 'ABSOLUTE' ? 'filled' : 'light'}
                mb={2}
              >
                {reason.severity === 'ABSOLUTE' ? 'Contraindication' : 'Clinician review'}
              </Badge>
              <Text size="sm">{reason.reason}</Text>
              <Text size="xs" c="dimmed">
                {reason.evidence}
              </Text>
            </li>
          ))}
        </Stack>
      )}
      {hasInvalidAnswers && (
        <Text size="xs" c="red" mt={6}>
          Answers marked in red are not judged until they are corrected.
        </Text>
      )}
    </section>
  );
}
