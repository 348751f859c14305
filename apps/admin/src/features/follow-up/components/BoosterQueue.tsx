import { Anchor, Badge, Button, Card, Group, List, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { formatDate } from '../../../shared/dates';
import { apiErrorsOnForm } from '../../../shared/forms';
import type { BoosterCheck, BoosterQueueItem } from '../api/boosters.api';
import { useDismissBoosterTask } from '../hooks/useBoosters';
import { PendingBladderReviews } from './BladderReview';

export const CHECK_LABELS: Record<BoosterCheck['check'], string> = {
  POLICY: "The protocol's booster policy",
  SCREENING_VALID: 'Eligibility still valid',
  BLADDER_SYMPTOMS_REVIEWED: 'Bladder symptoms negative or reviewed',
  CUMULATIVE_DOSE_UNDER_CAP: 'Cumulative dose under its caps',
  RESPONSE_TO_LAST_COURSE: 'A response to the last course',
};

export const RESULT_BADGES: Record<BoosterCheck['result'], { label: string; color: string }> = {
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

const DISMISS_MAX = 500;

/** The open booster tasks, soonest due first, each with every pre-booster check as the API judged it now. */
export function BoosterQueue({ items }: { items: readonly BoosterQueueItem[] }) {
  if (items.length === 0)
    return (
      <Card withBorder padding="lg">
        <Text c="dimmed">No booster is due.</Text>
      </Card>
    );
  return (
    <Stack gap="md" aria-label="Booster tasks">
      {items.map((item) => (
        <BoosterTaskCard key={item.id} item={item} />
      ))}
    </Stack>
  );
}

function BoosterTaskCard({ item }: { item: BoosterQueueItem }) {
  const { patient, checks } = item;
  const name = `${patient.familyName}, ${patient.givenName}`;
  const bladderUnreviewed = checks.checks.some(
    (c) => c.check === 'BLADDER_SYMPTOMS_REVIEWED' && c.reasons.some((r) => r.code === 'BLADDER_SYMPTOMS_UNREVIEWED'),
  );
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-label={name} data-testid="booster-task">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Stack gap={2} style={{ flex: '1 1 300px', minWidth: 0 }}>
            <Group gap={6}>
              <Badge color={checks.decision.allowed ? 'green' : 'red'} variant="filled">
                {checks.decision.allowed ? 'May be booked' : 'Held'}
              </Badge>
              <Text size="sm" c="dimmed">
                Due by {formatDate(item.dueBy)}
              </Text>
            </Group>
            <Anchor component={Link} to={`/patients/${patient.id}#timeline`} fw={650} size="lg" c="dark">
              {name}
            </Anchor>
            <Text size="sm" c="dimmed">
              MRN {patient.mrn} · {checks.protocol.name}
              {checks.lastCourse ? ` · last session ${formatDate(checks.lastCourse.lastSessionOn)}` : ''}
              {checks.earliestOn ? ` · earliest ${formatDate(checks.earliestOn)}` : ''}
            </Text>
          </Stack>
          <DismissButton taskId={item.id} patientName={name} />
        </Group>
        <Text size="sm">{item.reason}</Text>
        {!item.boostsLastCourse && (
          <Text size="sm" c="orange.8">
            The patient has completed another course since this task was raised: the checks are for a booster of that
            one.
          </Text>
        )}
        {checks.relief && (
          <Text size="sm" c="dimmed">
            Last course: {checks.relief.message}
          </Text>
        )}
        <Table fz="sm" verticalSpacing={6} aria-label="Pre-booster checks" layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="34%">Check</Table.Th>
              <Table.Th w={130}>State</Table.Th>
              <Table.Th>Reasons</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {checks.checks.map((check) => (
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
        <Text size="sm" c="dimmed">
          Cumulative ketamine so far: {checks.cumulativeMg} mg, every route, home doses included.
        </Text>
        {bladderUnreviewed && <PendingBladderReviews patientId={patient.id} />}
      </Stack>
    </Card>
  );
}

function DismissButton({ taskId, patientName }: { taskId: string; patientName: string }) {
  const [open, setOpen] = useState(false);
  const [messages, setMessages] = useState<string[]>([]);
  const dismiss = useDismissBoosterTask();
  const form = useForm({
    initialValues: { reason: '' },
    validate: {
      reason: (v) =>
        v.trim() === ''
          ? 'Say why no booster is offered'
          : v.length > DISMISS_MAX
            ? `At most ${DISMISS_MAX} characters`
            : null,
    },
  });
  const submit = form.onSubmit(async (values) => {
    setMessages([]);
    try {
      await dismiss.mutateAsync({ id: taskId, body: values });
      notifications.show({ color: 'teal', title: 'Booster task dismissed', message: patientName });
      setOpen(false);
    } catch (error) {
      setMessages(apiErrorsOnForm(form, error, (path) => path === 'reason'));
    }
  });
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        Dismiss
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={`No booster for ${patientName}`}>
        <form onSubmit={submit} noValidate aria-label="Dismiss the booster task">
          <Stack gap="sm">
            <Textarea
              label="Reason"
              description={`Why no booster is offered · ${form.values.reason.length} of ${DISMISS_MAX}`}
              autosize
              minRows={3}
              {...form.getInputProps('reason')}
            />
            <FormErrorAlert messages={messages} title="Not dismissed" />
            <Button type="submit" color="red" loading={dismiss.isPending}>
              Dismiss the task
            </Button>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
