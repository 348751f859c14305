import { Anchor, Button, Card, Group, List, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { BLADDER_QUESTIONS, type BladderSymptom } from '@cadence/domain';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { useClinicClock } from '../../clinic/hooks/useClinicClock';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { apiErrorsOnForm } from '../../../shared/forms';
import { CenteredLoader } from '../../../shared/CenteredLoader';
import { QueryError } from '../../../shared/QueryError';
import { clinicMinute } from '../time';
import { useBladderReviewQueue, usePatientTimeline, useReviewBladder } from '../hooks/useFollowUps';

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
              {clinicMinute(record.recordedAt, zone)}: {symptomWords(record.bladder.positive)}
            </Text>
            <BladderReviewButton recordId={record.id} symptoms={record.bladder.positive} />
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

const symptomWords = (symptoms: readonly string[]) =>
  symptoms.map((s) => s.toLowerCase().replace(/_/g, ' ')).join(', ');

/**
 * Every bladder answer of the clinic still awaiting a clinician, oldest first, whether or not a
 * booster is due yet: a yes is reviewed when it is reported, not when the booster comes round.
 */
export function BladderReviewQueue() {
  const queue = useBladderReviewQueue();
  const { zone } = useClinicClock();
  if (queue.isPending) return <CenteredLoader label="Loading the bladder answers awaiting review" />;
  if (queue.isError)
    return (
      <QueryError error={queue.error} onRetry={() => queue.refetch()} title="Could not load the bladder answers" />
    );
  const { items, more } = queue.data;
  return (
    <Card component="section" withBorder radius="md" padding="md" aria-label="Bladder answers awaiting review">
      <Group justify="space-between" mb="xs">
        <Text fw={650}>Bladder answers awaiting review</Text>
        <Text size="sm" c="dimmed">
          {items.length === 0
            ? 'None: every yes has been reviewed.'
            : `${items.length}${more ? '+' : ''} waiting, oldest first — each holds the patient's next booster`}
        </Text>
      </Group>
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table fz="sm" verticalSpacing={6} aria-label="Bladder answers awaiting review">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Patient</Table.Th>
                <Table.Th>Follow-up</Table.Th>
                <Table.Th>Answered yes</Table.Th>
                <Table.Th w={90} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.recordId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/patients/${item.patient.id}#timeline`} fw={600} size="sm">
                      {item.patient.familyName}, {item.patient.givenName}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      MRN {item.patient.mrn}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    Day {item.offsetDays} of {item.protocolName}
                    <Text size="xs" c="dimmed">
                      {clinicMinute(item.recordedAt, zone)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{symptomWords(item.positive)}</Table.Td>
                  <Table.Td>
                    <BladderReviewButton recordId={item.recordId} symptoms={item.positive} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
