import { Alert, Button, Card, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError, isApiError } from '../../../api/problem';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { submitPatientLink, type PatientLinkPage, type PatientLinkSubmitted } from '../api/patientLink.api';
import { useRecordForm } from '../hooks/useRecordForm';
import { FollowUpQuestions } from './FollowUpQuestions';

// The patient answers on their own device: a time they give (a dose taken at home) is on its clock.
const deviceZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Why a submission did not go through, in words for a patient (never a field path or a code). */
function patientMessage(error: unknown): string {
  if (isApiError(error, 404))
    return 'This link is not valid any more. It may have been used already, or it has expired.';
  if (isApiError(error, 429)) return 'Too many attempts from this connection. Please wait a few minutes and try again.';
  if (isApiError(error, 400) || isApiError(error, 422)) return 'Some answers need another look: they are marked below.';
  return describeError(error);
}

/** The questions only, then a thank-you: the patient sees nothing of their record. */
export function PatientLinkForm({
  token,
  page,
  onSubmitted,
}: {
  token: string;
  page: PatientLinkPage;
  onSubmitted: (result: PatientLinkSubmitted) => void;
}) {
  const state = useRecordForm({ zone: deviceZone() });
  const [messages, setMessages] = useState<string[]>([]);
  const submit = useMutation({
    mutationFn: (body: Parameters<typeof submitPatientLink>[1]) => submitPatientLink(token, body),
    retry: false,
  });

  const send = async () => {
    setMessages([]);
    if (!state.check()) return;
    const input = state.input(Date.now());
    try {
      onSubmitted(
        await submit.mutateAsync({
          painNrsNow: input.painNrsNow,
          painNrs7DayAverage: input.painNrs7DayAverage,
          painInterference: input.painInterference as Record<string, number>,
          phq9: input.phq9 as Record<string, number>,
          bladder: input.bladder as Record<string, boolean>,
          supportingCare: [...(input.supportingCare ?? [])],
          homeDoses: (input.homeDoses ?? []).map(({ route, mg, atMs }) => ({ route, mg, atMs })),
          note: input.note ?? null,
        } as Parameters<typeof submitPatientLink>[1]),
      );
    } catch (error) {
      state.applyServerErrors(error);
      setMessages([patientMessage(error)]);
    }
  };

  return (
    <form
      aria-label="Your follow-up"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <Stack gap="md">
        <FollowUpQuestions questions={page.questions} state={state} audience="patient" disabled={submit.isPending} />
        {state.strict && state.problemCount > 0 && (
          <Text c="red" role="status">
            Some questions still need an answer: they are marked in red.
          </Text>
        )}
        <FormErrorAlert messages={messages} title="Not sent yet" />
        <Button type="submit" size="lg" loading={submit.isPending} fullWidth>
          Send my answers
        </Button>
        <Text size="xs" c="dimmed" ta="center">
          This link works once. Your answers go to your clinic team.
        </Text>
      </Stack>
    </form>
  );
}

export function PatientThankYou({ result }: { result: PatientLinkSubmitted }) {
  return (
    <Card withBorder radius="md" padding="xl" role="status">
      <Stack gap="sm">
        <Title order={1} size="h2">
          Thank you
        </Title>
        <Text>{result.message}</Text>
        {result.urgentSupport && (
          <Alert color="red" variant="light" title="If you are in danger now">
            Call your local emergency number or go to the nearest emergency department.
          </Alert>
        )}
        <Text size="sm" c="dimmed">
          You can close this page.
        </Text>
      </Stack>
    </Card>
  );
}
