import {
  Badge,
  Box,
  Button,
  Card,
  Divider,
  Grid,
  Group,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useId, useMemo, useState } from 'react';
import { describeError } from '../../../api/problem';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { newId } from '../../../shared/ids';
import { clinicLocalToMs } from '../recordForm';
import type { FollowUpRecorded } from '../api/followUps.api';
import { useRecordFollowUp } from '../hooks/useFollowUps';
import { useRecordForm } from '../hooks/useRecordForm';
import { staffQuestions } from '../questions';
import { FollowUpQuestions } from './FollowUpQuestions';

type Channel = 'PHONE' | 'IN_PERSON';

interface FollowUpFormProps {
  followUpId: string;
  zone: string;
  today: string;
  onRecorded: (recorded: FollowUpRecorded) => void;
}

/** "HH:mm" today on the clinic's clock; empty means now. */
function takenAtMs(time: string, today: string, zone: string): number {
  return time ? clinicLocalToMs(`${today}T${time}`, zone) : Date.now();
}

/**
 * A follow-up a nurse takes by phone or in person: the patient's answers, checked as they are
 * given by the same domain rules the API applies, with the PROMIS T-score, the PHQ-9 total and
 * any flag for a clinician shown as they arise.
 */
export function FollowUpForm({ followUpId, zone, today, onRecorded }: FollowUpFormProps) {
  const questions = useMemo(staffQuestions, []);
  const state = useRecordForm({ zone });
  const record = useRecordFollowUp(followUpId);
  // One id per record taken: a retry after a lost answer sends the same id, and is stored once.
  const [recordId] = useState(newId);
  const [channel, setChannel] = useState<Channel | ''>('');
  const [time, setTime] = useState('');
  const [messages, setMessages] = useState<string[]>([]);
  const [channelError, setChannelError] = useState<string | null>(null);
  const channelLabel = useId();
  const { painInterference: promis, phq9, flags } = state.assessment;

  // Counted live once the nurse has tried to record, so it falls as the answers are given.
  const left = state.problemCount + (channel ? 0 : 1);

  const send = async () => {
    setMessages([]);
    const ready = state.check();
    if (!channel) setChannelError('Say how the answers were taken');
    if (!ready || !channel) return;
    try {
      const input = state.input(takenAtMs(time, today, zone));
      onRecorded(
        await record.mutateAsync({
          id: recordId,
          channel,
          recordedAtMs: input.recordedAtMs!,
          painNrsNow: input.painNrsNow,
          painNrs7DayAverage: input.painNrs7DayAverage,
          painInterference: input.painInterference as Record<string, number>,
          phq9: input.phq9 as Record<string, number>,
          bladder: input.bladder as Record<string, boolean>,
          supportingCare: [...(input.supportingCare ?? [])],
          homeDoses: (input.homeDoses ?? []).map(({ route, mg, atMs }) => ({ route, mg, atMs })),
          note: input.note ?? null,
        } as Parameters<typeof record.mutateAsync>[0]),
      );
    } catch (error) {
      // The API's own sentence, then what it named that sits beside no question.
      setMessages([describeError(error), ...state.applyServerErrors(error)]);
    }
  };

  return (
    <form
      aria-label="Follow-up"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <Grid gap="lg" align="flex-start">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <FollowUpQuestions
            questions={questions}
            state={state}
            audience="staff"
            disabled={record.isPending}
            scores={{
              promis: (
                <Badge
                  variant={promis.complete ? 'light' : 'outline'}
                  color={promis.complete ? 'cadence' : 'gray'}
                  size="lg"
                >
                  {promis.complete
                    ? `T ${promis.tScore?.toFixed(1)} · raw ${promis.rawScore}`
                    : `Incomplete · ${promis.missing.length + promis.invalid.length} to answer`}
                </Badge>
              ),
              phq9: (
                <Badge
                  variant={phq9.complete ? 'light' : 'outline'}
                  color={phq9.complete ? 'cadence' : 'gray'}
                  size="lg"
                >
                  {phq9.complete
                    ? `${phq9.score} of 27 · ${phq9.bandLabel}`
                    : `Incomplete · ${phq9.missing.length + phq9.invalid.length} to answer`}
                </Badge>
              ),
            }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }} style={{ position: 'sticky', top: 80 }}>
          <Card withBorder radius="md" padding="lg" component="aside" aria-label="Record the follow-up">
            <Stack gap="md">
              <Stack gap={4}>
                <Text fw={500} id={channelLabel}>
                  Taken by
                </Text>
                <SegmentedControl
                  aria-labelledby={channelLabel}
                  fullWidth
                  value={channel}
                  onChange={(v) => {
                    setChannel(v as Channel);
                    setChannelError(null);
                  }}
                  data={[
                    { value: 'PHONE', label: 'Phone' },
                    { value: 'IN_PERSON', label: 'In person' },
                  ]}
                />
                {channelError && (
                  <Text size="sm" c="red">
                    {channelError}
                  </Text>
                )}
              </Stack>
              <TextInput
                label="Time taken (today)"
                description="Empty: now"
                type="time"
                value={time}
                onChange={(event) => setTime(event.currentTarget.value)}
                error={state.errors.recordedAt}
              />
              <Divider />
              <div>
                <Title order={2} size="h5" mb={6}>
                  Scores
                </Title>
                <Stack gap={4}>
                  <Text size="sm">
                    Pain interference:{' '}
                    <b>{promis.complete ? `T ${promis.tScore?.toFixed(1)} (raw ${promis.rawScore})` : '—'}</b>
                  </Text>
                  <Text size="sm">
                    PHQ-9: <b>{phq9.complete ? `${phq9.score} · ${phq9.bandLabel}` : '—'}</b>
                  </Text>
                </Stack>
              </div>
              {flags.length > 0 && (
                <Stack gap={6} aria-label="Flags for a clinician">
                  {flags.map((flag) => (
                    <Box key={flag.code}>
                      <Badge color={flag.code === 'SUICIDALITY' ? 'red' : 'orange'} variant="filled">
                        {flag.code === 'SUICIDALITY' ? 'Suicidality' : 'Bladder symptoms'}
                      </Badge>
                      <Text size="xs" c="dimmed" mt={2}>
                        {flag.message}
                      </Text>
                    </Box>
                  ))}
                </Stack>
              )}
              {state.strict && left > 0 && (
                <Text size="sm" c="red" role="status">
                  {left} {left === 1 ? 'answer needs' : 'answers need'} attention before the follow-up can be recorded.
                </Text>
              )}
              <FormErrorAlert messages={messages} title="Not recorded" />
              <Group grow>
                <Button type="submit" size="md" loading={record.isPending}>
                  Record follow-up
                </Button>
              </Group>
              <Text size="xs" c="dimmed">
                A follow-up record is final: it cannot be changed once recorded.
              </Text>
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
    </form>
  );
}
