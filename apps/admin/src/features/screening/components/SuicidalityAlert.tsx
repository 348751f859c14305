import { Alert, List, Text } from '@mantine/core';
import { INSTRUMENTS, positiveSuicidalityAnswers, type Answers, type ScreeningTemplate } from '@cadence/domain';

/**
 * The answers behind a suicidality flag, in words ("PHQ-9 item 9: Several days"). Which answers
 * count is the domain's decision, the same one the scoring uses to raise the flag.
 */
export function suicidalitySignals(template: ScreeningTemplate, answers: Answers): string[] {
  return positiveSuicidalityAnswers(template, answers).map(({ itemId, instrument, questionId, value }) => {
    const label = template.items.find((item) => item.id === itemId)?.label ?? itemId;
    // The domain names questions of the instrument's own definition, so the lookup always finds one.
    const questions = INSTRUMENTS[instrument].items;
    const index = questions.findIndex((q) => q.id === questionId);
    const question = questions[index];
    const option = question.options.find((o) => o.value === value)?.label ?? String(value);
    return `${label}, question ${index + 1} (${question.label}): ${option}`;
  });
}

/**
 * Shown the moment a suicidality answer is given, above everything else, whatever the rest of the
 * screening says: the nurse tells the clinician now rather than at submission.
 */
export function SuicidalityAlert({ signals, compact = false }: { signals: string[]; compact?: boolean }) {
  if (signals.length === 0) return null;
  if (compact)
    return (
      <Alert color="red" variant="filled" role="alert" radius="md" py={8}>
        <Text size="sm" fw={700}>
          Positive suicidality answer — inform the clinician now ({signals.length}{' '}
          {signals.length === 1 ? 'answer' : 'answers'})
        </Text>
      </Alert>
    );
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
