import { Anchor, Badge, Button, Card, Group, Modal, Pagination, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { formatDate } from '../../../shared/dates';
import { apiErrorsOnForm } from '../../../shared/forms';
import type { BoosterQueue as BoosterQueueAnswer, BoosterQueueItem } from '../api/boosters.api';
import { useDismissBoosterTask } from '../hooks/useBoosters';
import { PendingBladderReviews } from './BladderReview';
import { BoosterApprovalButton } from './BoosterApproval';
import { BoosterChecksTable } from './BoosterChecksTable';

const DISMISS_MAX = 500;

/** A page of the open booster tasks, soonest due first, each with every pre-booster check as the API judged it now. */
export function BoosterQueue({ queue, onPage }: { queue: BoosterQueueAnswer; onPage: (page: number) => void }) {
  const { items, total, page, pageSize } = queue;
  if (total === 0)
    return (
      <Card withBorder padding="lg">
        <Text c="dimmed">No booster is due.</Text>
      </Card>
    );
  const pages = Math.ceil(total / pageSize);
  const first = (page - 1) * pageSize + 1;
  // Above the tasks and again below them: a page of tasks with their checks is a long scroll.
  const pager = (label: string) =>
    pages > 1 && <Pagination total={pages} value={Math.min(page, pages)} onChange={onPage} aria-label={label} />;
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Text size="sm" c="dimmed" aria-live="polite">
          {items.length === 0
            ? `${total.toLocaleString('en-GB')} open booster tasks; this page has none left.`
            : `Tasks ${first.toLocaleString('en-GB')}–${(first + items.length - 1).toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')}, soonest due first`}
        </Text>
        {pager('Booster task pages')}
      </Group>
      <Stack gap="md" aria-label="Booster tasks">
        {items.map((item) => (
          <BoosterTaskCard key={item.id} item={item} />
        ))}
      </Stack>
      {pager('Booster task pages, after the list')}
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
          <Group gap="xs">
            <BoosterApprovalButton checks={checks} patientName={name} />
            <DismissButton taskId={item.id} patientName={name} />
          </Group>
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
        <BoosterChecksTable checks={checks.checks} />
        {checks.approval && (
          <Text size="sm" c="teal.8">
            Approved {formatDate(checks.approval.approvedAt.slice(0, 10))} (usable until{' '}
            {formatDate(checks.approval.expiresAt.slice(0, 10))}): {checks.approval.reason}
          </Text>
        )}
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
