import { Alert, List, Text } from '@mantine/core';
import { INSTRUMENTS, type Answers, type InstrumentResult, type ScreeningTemplate } from '@cadence/domain';

/** The answers behind a suicidality flag, in words ("PHQ-9 item 9: Several days"). */
export function suicidalitySignals(
  template: ScreeningTemplate,
  answers: Answers,
  scores: Record<string, InstrumentResult>,
): string[] {
  const signals: string[] = [];
  for (const item of template.items) {
    if (item.type !== 'instrument' || !scores[item.id]?.flags.includes('SUICIDALITY')) continue;
    const given = (answers[item.id] ?? {}) as Record<string, unknown>;
    const definition = INSTRUMENTS[item.instrument];
    definition.items.forEach((sub, index) => {
      const value = given[sub.id];
      const positive = item.instrument === 'PHQ9' ? sub.id === 'q9' && typeof value === 'number' && value > 0 : value === true && sub.id !== 'q6_recent';
      if (!positive) return;
      const option = sub.options.find((o) => o.value === value)?.label ?? String(value);
      signals.push(`${item.label}, question ${index + 1} (${sub.label}): ${option}`);
    });
  }
  return signals;
}

/**
 * Shown the moment a suicidality answer is given, above everything else, whatever the rest of the
 * screening says: the nurse tells the clinician now rather than at submission.
 */
export function SuicidalityAlert({ signals }: { signals: string[] }) {
  if (signals.length === 0) return null;
  return (
    <Alert
      color="red"
      variant="filled"
      role="alert"
      radius="md"
      title="Positive suicidality answer — inform the clinician now"
      styles={{ title: { fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <Text size="sm" mb={6}>
        Tell the supervising clinician before the patient leaves, and follow the clinic&apos;s suicide-risk procedure.
        The screening will be flagged at the top of the clinician&apos;s review queue.
      </Text>
      <List size="sm" spacing={2}>
        {signals.map((signal) => (
          <List.Item key={signal}>{signal}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
