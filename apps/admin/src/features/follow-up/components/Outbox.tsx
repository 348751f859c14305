import {
  Alert,
  Badge,
  Button,
  Card,
  Collapse,
  CopyButton,
  Group,
  Pagination,
  Select,
  Stack,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { describeError } from '../../../api/problem';
import { CenteredLoader } from '../../../shared/CenteredLoader';
import { QueryError } from '../../../shared/QueryError';
import { formatClinicDateTime } from '../../clinic/time';
import type { MessageStatus, OutboxMessage, OutboxQuery } from '../api/messages.api';
import { useOutbox, useRetryMessage, useSentByHand } from '../hooks/useOutbox';

const STATUS_LABELS: Record<MessageStatus, { label: string; color: string }> = {
  QUEUED: { label: 'Queued', color: 'blue' },
  SENT: { label: 'Sent', color: 'green' },
  FAILED: { label: 'Failed', color: 'red' },
  MANUAL: { label: 'To send by hand', color: 'orange' },
  SENT_BY_HAND: { label: 'Sent by hand', color: 'teal' },
  CANCELLED: { label: 'Cancelled', color: 'gray' },
};

const KIND_LABELS: Record<OutboxMessage['kind'], string> = {
  FOLLOW_UP_LINK: 'Follow-up link',
  APPOINTMENT_REMINDER: 'Appointment reminder',
};

/** Staff act on MANUAL and FAILED messages; the other statuses are there to look back at. */
const FILTERS: { value: string; label: string }[] = [
  { value: '', label: 'Waiting for staff (to send by hand, failed)' },
  { value: 'QUEUED', label: 'Queued' },
  { value: 'SENT', label: 'Sent' },
  { value: 'SENT_BY_HAND', label: 'Sent by hand' },
  { value: 'CANCELLED', label: 'Cancelled' },
];

const PAGE_SIZE = 25;

/** The clinic's emails to patients: those waiting for staff first, with the text to send by hand. */
export function Outbox({ zone, canAct }: { zone: string; canAct: boolean }) {
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(1);
  const query: OutboxQuery = { page, pageSize: PAGE_SIZE, ...(status ? { status: status as MessageStatus } : {}) };
  const outbox = useOutbox(query);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Select
          label="Show"
          data={FILTERS}
          value={status}
          onChange={(v) => {
            setStatus(v ?? '');
            setPage(1);
          }}
          allowDeselect={false}
          w={340}
        />
      </Group>
      {outbox.isPending ? (
        <CenteredLoader label="Loading the outbox" />
      ) : outbox.isError ? (
        <QueryError error={outbox.error} onRetry={() => outbox.refetch()} title="Could not load the outbox" />
      ) : (
        <>
          {!outbox.data.mailConfigured && (
            <Alert color="orange" variant="light" title="No mail server is configured">
              Cadence cannot email patients, so every message is listed here to send by hand (email, phone or post).
              Mark each one sent once it has gone.
            </Alert>
          )}
          {outbox.data.items.length === 0 ? (
            <Card withBorder padding="lg">
              <Text c="dimmed">
                {status ? 'No messages in this status.' : 'Nothing is waiting to be sent by hand.'}
              </Text>
            </Card>
          ) : (
            <Stack gap="sm" aria-label="Messages">
              {outbox.data.items.map((message) => (
                <MessageCard
                  key={message.id}
                  message={message}
                  zone={zone}
                  canAct={canAct}
                  canRetry={outbox.data.mailConfigured}
                />
              ))}
            </Stack>
          )}
          {outbox.data.total > PAGE_SIZE && (
            <Pagination
              total={Math.ceil(outbox.data.total / PAGE_SIZE)}
              value={page}
              onChange={setPage}
              aria-label="Pages"
            />
          )}
        </>
      )}
    </Stack>
  );
}

function MessageCard({
  message,
  zone,
  canAct,
  canRetry,
}: {
  message: OutboxMessage;
  zone: string;
  canAct: boolean;
  canRetry: boolean;
}) {
  const [open, setOpen] = useState(message.status === 'MANUAL' || message.status === 'FAILED');
  const sent = useSentByHand();
  const retry = useRetryMessage();
  const waiting = message.status === 'MANUAL' || message.status === 'FAILED';
  const status = STATUS_LABELS[message.status];
  const { patient } = message;
  const fail = (title: string) => (error: unknown) =>
    notifications.show({ color: 'red', title, message: describeError(error) });

  return (
    <Card withBorder radius="md" padding="md" data-testid="outbox-message">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4} style={{ flex: '1 1 320px', minWidth: 0 }}>
          <Group gap={6} wrap="wrap">
            <Badge color={status.color} variant={waiting ? 'filled' : 'light'}>
              {status.label}
            </Badge>
            <Badge color="gray" variant="outline">
              {KIND_LABELS[message.kind]}
            </Badge>
            <Text size="sm" c="dimmed">
              {formatClinicDateTime(message.createdAt, zone)}
            </Text>
          </Group>
          <Text fw={600}>{message.subject}</Text>
          <Text size="sm">
            {patient.familyName}, {patient.givenName} · MRN {patient.mrn}
          </Text>
          <Text size="sm" c="dimmed">
            {[
              message.toAddress ? `To ${message.toAddress}` : 'No email address',
              patient.phone ? `Phone ${patient.phone}` : null,
              patient.email && patient.email !== message.toAddress ? `Email now ${patient.email}` : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          {message.lastError && (
            <Text size="sm" c="red">
              Last attempt ({message.attempts}): {message.lastError}
            </Text>
          )}
        </Stack>
        {canAct && waiting && (
          <Group gap="xs">
            {canRetry && message.toAddress && (
              <Button
                variant="default"
                loading={retry.isPending}
                onClick={() => retry.mutate(message.id, { onError: fail('Not queued again') })}
              >
                Email again
              </Button>
            )}
            <Button
              loading={sent.isPending}
              onClick={() =>
                sent.mutate(message.id, {
                  onSuccess: () =>
                    notifications.show({ color: 'teal', title: 'Marked sent by hand', message: message.subject }),
                  onError: fail('Not marked sent'),
                })
              }
            >
              Sent by hand
            </Button>
          </Group>
        )}
      </Group>
      <Group mt="xs" gap="xs">
        <Button variant="subtle" size="compact-sm" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
          {open ? 'Hide the text' : 'Show the text'}
        </Button>
        <CopyButton value={message.body}>
          {({ copied, copy }) => (
            <Button variant="subtle" size="compact-sm" onClick={copy} color={copied ? 'teal' : undefined}>
              {copied ? 'Copied' : 'Copy the text'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Collapse expanded={open}>
        <Text
          component="pre"
          size="sm"
          mt="xs"
          p="sm"
          bg="gray.0"
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: 'inherit', borderRadius: 4 }}
        >
          {message.body}
        </Text>
      </Collapse>
    </Card>
  );
}
