import { Badge, Button, Card, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { apiErrorsOnForm } from '../../../shared/forms';
import { formatClinicTime } from '../../clinic/time';
import { AdverseEventForm, type AdverseEventFields } from '../../infusion/components/AdverseEventForm';
import { AE_ACTION_LABELS, AE_OUTCOME_LABELS } from '../../infusion/labels';
import type { AdverseEventAction, AdverseEventOutcome } from '@cadence/domain';
import type { AdverseEvent, ConfirmAdverseEventBody, RecordAdverseEventBody } from '../api/adverse-events.api';
import {
  useAdverseEventTerms,
  useAdverseEvents,
  useConfirmAdverseEvent,
  useDismissAdverseEvent,
  useRecordAdverseEvent,
} from '../hooks/useAdverseEvents';
import { newId } from '../../../shared/ids';

const STATUS = {
  DRAFT: { label: 'To confirm or dismiss', color: 'orange' },
  CONFIRMED: { label: 'Confirmed', color: 'red' },
  DISMISSED: { label: 'Dismissed', color: 'gray' },
} as const;

type Dialog =
  { kind: 'new' } | { kind: 'confirm'; event: AdverseEvent } | { kind: 'dismiss'; event: AdverseEvent } | null;

interface AdverseEventsProps {
  sessionId: string;
  zone: string;
  today: string;
  /** Whether the session still takes an adverse event (from check-in until signed). */
  canRecord: boolean;
}

/** The session's adverse events: drafts from alerts first, each confirmed or dismissed with a reason. */
export function AdverseEvents({ sessionId, zone, today, canRecord }: AdverseEventsProps) {
  const events = useAdverseEvents(sessionId);
  const terms = useAdverseEventTerms();
  const [dialog, setDialog] = useState<Dialog>(null);
  const record = useRecordAdverseEvent(sessionId);
  const confirm = useConfirmAdverseEvent(sessionId);
  const close = () => setDialog(null);
  const choices = terms.data?.terms ?? [];
  const list = (events.data ?? []).toSorted(
    (a, b) => Number(b.status === 'DRAFT') - Number(a.status === 'DRAFT') || b.onsetAt.localeCompare(a.onsetAt),
  );

  return (
    <Stack gap="xs">
      {list.map((e) => (
        <Card key={e.id} withBorder padding="xs" radius="sm" data-testid="adverse-event">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <div>
              <Group gap={6}>
                <Badge color={STATUS[e.status].color} variant={e.status === 'DRAFT' ? 'filled' : 'light'}>
                  {STATUS[e.status].label}
                </Badge>
                <Text fw={600}>
                  {e.termText}
                  {e.grade !== null ? ` · grade ${e.grade}` : ''}
                  {e.serious ? ' · serious' : ''}
                </Text>
              </Group>
              <Text size="sm" c="dimmed">
                Onset {formatClinicTime(e.onsetAt, zone)}
                {e.readingId ? ' · drafted from a vitals alert' : ''}
                {e.actions.length > 0 &&
                  ` · ${e.actions.map((a) => AE_ACTION_LABELS[a as AdverseEventAction] ?? a).join(', ')}`}
                {e.outcome ? ` · ${AE_OUTCOME_LABELS[e.outcome as AdverseEventOutcome] ?? e.outcome}` : ''}
              </Text>
              {e.gradeDefinition && <Text size="sm">{e.gradeDefinition}</Text>}
              {e.dismissReason && <Text size="sm">Dismissed: {e.dismissReason}</Text>}
              {e.alertReasons.map((r) => (
                <Text key={r.code} size="sm" c="red.8">
                  {r.message}
                </Text>
              ))}
            </div>
            {e.status === 'DRAFT' && canRecord && (
              <Group gap="xs">
                <Button size="lg" color="red" onClick={() => setDialog({ kind: 'confirm', event: e })}>
                  Confirm
                </Button>
                <Button size="lg" variant="default" onClick={() => setDialog({ kind: 'dismiss', event: e })}>
                  Dismiss
                </Button>
              </Group>
            )}
          </Group>
        </Card>
      ))}
      {canRecord && (
        <Group>
          <Button
            size="xl"
            variant="light"
            color="red"
            onClick={() => setDialog({ kind: 'new' })}
            disabled={!terms.data}
          >
            Record an adverse event
          </Button>
        </Group>
      )}
      <Modal opened={dialog?.kind === 'new'} onClose={close} title="Record an adverse event" size="xl">
        <NewAdverseEvent
          terms={choices}
          zone={zone}
          today={today}
          saving={record.isPending}
          onSave={(body) => record.mutateAsync(body)}
          onDone={close}
        />
      </Modal>
      <Modal opened={dialog?.kind === 'confirm'} onClose={close} title="Confirm the adverse event" size="xl">
        {dialog?.kind === 'confirm' && (
          <AdverseEventForm
            terms={choices}
            zone={zone}
            today={today}
            initial={{
              term: dialog.event.term,
              grade: dialog.event.grade !== null ? String(dialog.event.grade) : '',
              onset: formatClinicTime(dialog.event.onsetAt, zone),
              actions: dialog.event.actions,
              outcome: dialog.event.outcome,
              serious: dialog.event.serious,
              description: dialog.event.description ?? '',
            }}
            submitLabel="Confirm the event"
            saving={confirm.isPending}
            onSave={(fields) =>
              confirm.mutateAsync({ id: dialog.event.id, version: dialog.event.version, ...asBody(fields) })
            }
            onDone={close}
          />
        )}
      </Modal>
      <Modal opened={dialog?.kind === 'dismiss'} onClose={close} title="Dismiss the draft" size="md">
        {dialog?.kind === 'dismiss' && (
          <DismissForm sessionId={sessionId} event={dialog.event} zone={zone} onDone={close} />
        )}
      </Modal>
    </Stack>
  );
}

function asBody(fields: AdverseEventFields): Omit<ConfirmAdverseEventBody, 'version'> {
  return { ...fields, description: fields.description ?? null } as Omit<ConfirmAdverseEventBody, 'version'>;
}

/** A new event carries an id made when the form opens, sent again on a retry. */
function NewAdverseEvent(props: {
  terms: Parameters<typeof AdverseEventForm>[0]['terms'];
  zone: string;
  today: string;
  saving: boolean;
  onSave: (body: RecordAdverseEventBody) => Promise<unknown>;
  onDone: () => void;
}) {
  const [id] = useState(() => newId());
  return (
    <AdverseEventForm
      terms={props.terms}
      zone={props.zone}
      today={props.today}
      submitLabel="Record the event"
      saving={props.saving}
      onSave={(fields) => props.onSave({ id, ...asBody(fields) } as RecordAdverseEventBody)}
      onDone={props.onDone}
    />
  );
}

function DismissForm({
  sessionId,
  event,
  zone,
  onDone,
}: {
  sessionId: string;
  event: AdverseEvent;
  zone: string;
  onDone: () => void;
}) {
  const dismiss = useDismissAdverseEvent(sessionId);
  const [messages, setMessages] = useState<string[]>([]);
  const form = useForm({
    initialValues: { reason: '' },
    validate: { reason: (v) => (v.trim() ? null : 'Say why this is not an adverse event') },
  });
  const submit = form.onSubmit(async (values) => {
    setMessages([]);
    try {
      await dismiss.mutateAsync({ id: event.id, version: event.version, reason: values.reason.trim() });
      onDone();
    } catch (error) {
      setMessages(apiErrorsOnForm(form, error, (path) => path === 'reason'));
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Dismiss the draft">
      <Stack gap="sm">
        <Text>
          {event.termText}
          {event.grade !== null ? `, grade ${event.grade}` : ''}, onset {formatClinicTime(event.onsetAt, zone)}
        </Text>
        <FormErrorAlert messages={messages} title="Not dismissed" />
        <Textarea label="Reason" autosize minRows={2} size="md" {...form.getInputProps('reason')} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" size="lg" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" size="lg" loading={dismiss.isPending}>
            Dismiss
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
