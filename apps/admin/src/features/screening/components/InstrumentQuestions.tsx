import { Badge, Card, Group, Radio, Stack, Text, Title } from '@mantine/core';
import { INSTRUMENTS, type InstrumentItem, type InstrumentResult, type InstrumentTemplateItem } from '@cadence/domain';
import { questionDomId, type ScreeningFormState } from '../hooks/useScreeningForm';

/** Whether a follow-up item is asked, given the answers so far (the scorer's own skip logic). */
function isAsked(item: InstrumentItem, answers: Record<string, unknown>): boolean {
  const rule = item.askedWhen;
  if (!rule) return true;
  const gate = answers[rule.itemId];
  if (gate === undefined || gate === null) return false;
  return 'equals' in rule ? gate === rule.equals : gate !== rule.notEquals;
}

/** "12 of 27 · Moderate", or how much is left to answer. */
export function scoreText(result: InstrumentResult, maxScore?: number): string {
  if (!result.complete) {
    const left = result.missing.length + result.invalid.length;
    return `Incomplete · ${left} to answer`;
  }
  const total = result.score !== undefined ? `${result.score}${maxScore ? ` of ${maxScore}` : ''}` : null;
  return [total, result.bandLabel].filter(Boolean).join(' · ');
}

export function ScoreBadge({ result }: { result: InstrumentResult }) {
  const definition = INSTRUMENTS[result.instrument];
  const suicidality = result.flags.includes('SUICIDALITY');
  const positive = result.flags.includes('POSITIVE_SCREEN');
  return (
    <Group gap={6} wrap="wrap">
      <Badge
        variant={result.complete ? 'light' : 'outline'}
        color={result.complete ? 'cadence' : 'gray'}
        size="lg"
        radius="sm"
      >
        {scoreText(result, definition.maxScore)}
      </Badge>
      {suicidality && (
        <Badge color="red" variant="filled" size="lg" radius="sm">
          Suicidality
        </Badge>
      )}
      {positive && (
        <Badge color="orange" variant="filled" size="lg" radius="sm">
          Positive screen
        </Badge>
      )}
    </Group>
  );
}

interface InstrumentQuestionsProps {
  item: InstrumentTemplateItem;
  state: ScreeningFormState;
  disabled?: boolean;
}

/** An embedded instrument: its questions as published, and its score computed as they are answered. */
export function InstrumentQuestions({ item, state, disabled }: InstrumentQuestionsProps) {
  const definition = INSTRUMENTS[item.instrument];
  const answers = (state.values[item.id] ?? {}) as Record<string, unknown>;
  const result = state.scores[item.id];
  const titleId = `${questionDomId(item.id)}-title`;
  const ownError = state.errors[item.id];

  return (
    <Card component="section" aria-labelledby={titleId} withBorder radius="md" padding="lg" id={questionDomId(item.id)}>
      <Group justify="space-between" align="flex-start" mb={4} wrap="wrap">
        <Title order={3} size="h5" id={titleId}>
          {item.label}
        </Title>
        {result && <ScoreBadge result={result} />}
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {definition.recall}
      </Text>
      {ownError && (
        <Text size="sm" c="red" mb="sm">
          {ownError}
        </Text>
      )}
      {result?.notes.map((note) => (
        <Text key={note} size="xs" c="dimmed" mb="sm">
          {note}
        </Text>
      ))}
      <Stack gap="lg">
        {definition.items.map((sub, index) => {
          const path = `${item.id}.${sub.id}`;
          const value = answers[sub.id];
          // A skipped follow-up is hidden, unless it already holds an answer (never hidden silently).
          if (!isAsked(sub, answers) && (value === undefined || value === null)) return null;
          return (
            <div key={sub.id} id={questionDomId(path)}>
              <Radio.Group
                label={`${index + 1}. ${sub.label}`}
                required
                withAsterisk={false}
                error={state.errors[path]}
                value={value === undefined || value === null ? '' : String(value)}
                onChange={(v) => state.setAnswer(path, sub.options.find((o) => String(o.value) === v)?.value ?? null)}
                styles={{ label: { fontWeight: 500 } }}
              >
                <Group gap="lg" mt={6} wrap="wrap">
                  {sub.options.map((option) => (
                    <Radio
                      key={String(option.value)}
                      value={String(option.value)}
                      label={option.label}
                      disabled={disabled}
                    />
                  ))}
                </Group>
              </Radio.Group>
            </div>
          );
        })}
      </Stack>
    </Card>
  );
}
