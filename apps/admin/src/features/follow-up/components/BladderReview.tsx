import { Button, Card, Group, List, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { BLADDER_QUESTIONS, type BladderSymptom } from '@cadence/domain';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { apiErrorsOnForm } from '../../../shared/forms';
import { CenteredLoader } from '../../../shared/CenteredLoader';
import { QueryError } from '../../../shared/QueryError';
import { clinicMinute } from '../time';
import { usePatientTimeline, useReviewBladder } from '../hooks/useFollowUps';

const NOTE_MAX = 2000;

/**
 * A clinician's review of a follow-up's "yes" bladder answers, once per record: the written note
 * is what clears the bladder check before a booster.
 */
export function BladderReviewButton({ recordId, symptoms }: { recordId: string; symptoms: readonly string[] }) {
  const [open, setOpen] = useState(false);
  const [messages, setMessages] = useState<string[]>([]);
  const review = useReviewBladder();
  const form = useForm({
    initialValues: { note: '' },
    validate: {
      // As the API: not blank, at most 2,000 characters (never cut short as it is typed).
      note: (v) =>
        v.trim() === ''
          ? 'Write what you reviewed and decided'
          : v.length > NOTE_MAX
            ? `At most ${NOTE_MAX} characters`
            : null,
    },
  });

  const submit = form.onSubmit(async ({ note }) => {
    setMessages([]);
    try {
      await review.mutateAsync({ recordId, body: { note } });
      notifications.show({ color: 'teal', title: 'Bladder answers reviewed', message: 'The review is recorded.' });
      setOpen(false);
    } catch (error) {
      setMessages(
        apiErrorsOnForm(
          form,
          error,
          (path) => path === 'note',
          {},
          (f) => (f.endsWith('note') ? 'note' : f),
        ),
      );
    }
  });

  return (
    <>
      <Button size="compact-sm" variant="light" color="orange" onClick={() => setOpen(true)}>
        Review
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="Review the bladder answers" size="lg">
        <form onSubmit={submit} noValidate aria-label="Bladder review">
          <Stack gap="sm">
            <Text size="sm">The patient answered yes to:</Text>
            <List size="sm">
              {symptoms.map((s) => (
                <List.Item key={s}>{BLADDER_QUESTIONS[s as BladderSymptom] ?? s}</List.Item>
              ))}
            </List>
            <Textarea
              label="Review note"
              description={`What you found and decided, e.g. urine dip negative, no booster until urology review · ${form.values.note.length} of ${NOTE_MAX}`}
              autosize
              minRows={3}
              {...form.getInputProps('note')}
            />
            <FormErrorAlert messages={messages} title="Not reviewed" />
            <Button type="submit" loading={review.isPending}>
              Record the review
            </Button>
            <Text size="xs" c="dimmed">
              A record is reviewed once; the review cannot be changed afterwards.
            </Text>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

/** The patient's follow-up records with "yes" bladder answers no clinician has reviewed, each with its review. */
export function PendingBladderReviews({ patientId }: { patientId: string }) {
  const timeline = usePatientTimeline(patientId);
  if (timeline.isPending) return <CenteredLoader label="Loading the bladder answers" />;
  if (timeline.isError)
    return (
      <QueryError
        error={timeline.error}
        onRetry={() => timeline.refetch()}
        title="Could not load the bladder answers"
      />
    );
  const zone = timeline.data.timeZone;
  const pending = timeline.data.courses.flatMap((course) =>
    course.followUps.flatMap((followUp) =>
      followUp.records
        .filter((r) => r.bladder.positive.length > 0 && r.bladder.review === null)
        .map((record) => ({ record, followUp, course })),
    ),
  );
  if (pending.length === 0) return null;
  return (
    <Card
      component="section"
      withBorder
      radius="sm"
      padding="sm"
      bg="orange.0"
      aria-label="Bladder answers awaiting review"
    >
      <Text fw={600} size="sm" mb={4}>
        Bladder answers awaiting review
      </Text>
      <Stack gap={6}>
        {pending.map(({ record, followUp, course }) => (
          <Group key={record.id} justify="space-between" wrap="wrap" gap="xs">
            <Text size="sm">
              Day {followUp.window.offsetDays} follow-up of {course.protocol.name},{' '}
              {clinicMinute(record.recordedAt, zone)}:{' '}
              {record.bladder.positive.map((s) => s.toLowerCase().replace(/_/g, ' ')).join(', ')}
            </Text>
            <BladderReviewButton recordId={record.id} symptoms={record.bladder.positive} />
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
