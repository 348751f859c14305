import { Button, Group, Modal, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { apiErrorsOnForm } from '../../../shared/forms';
import type { ProtocolRecord } from '../api/protocols.api';
import { describePattern, ROUTE_LABELS, SETTING_LABELS } from '../describe';
import { usePublishProtocol } from '../hooks/useProtocols';
import { toPublishBody, toVersionValues, versionErrorPath, versionFields, type VersionValues } from '../versionForm';

const PATTERN_LABELS: Record<string, string> = {
  sessions: 'Sessions',
  minSessions: 'Fewest sessions',
  maxSessions: 'Most sessions',
  n: 'Days between sessions',
  hours: 'Hours of infusion',
};

// The record's member names in the domain's messages, as the editor labels them.
const LABELS: Record<string, string> = {
  name: 'Name',
  minutesPerSession: 'Minutes a session',
  minSessions: 'Fewest sessions',
  maxSessions: 'Most sessions',
  vitalsIntervalMinutes: 'Vitals interval',
  perSessionMg: 'Most a session',
  perCourseMg: 'Most a course',
  cumulativeMg: 'Most in a lifetime',
  followUpOffsetsDays: 'Follow-ups',
};

interface NewVersionModalProps {
  protocol: ProtocolRecord | null;
  onClose: () => void;
}

/** A new version of a protocol, prefilled from the current one; courses booked earlier keep theirs. */
export function NewVersionModal({ protocol, onClose }: NewVersionModalProps) {
  return (
    <Modal
      opened={protocol !== null}
      onClose={onClose}
      title={protocol ? `New version of ${protocol.name}` : ''}
      size="xl"
      centered
    >
      {protocol && <VersionForm key={protocol.id} protocol={protocol} onPublished={onClose} />}
    </Modal>
  );
}

function VersionForm({ protocol, onPublished }: { protocol: ProtocolRecord; onPublished: () => void }) {
  const publish = usePublishProtocol();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm<VersionValues>({ initialValues: toVersionValues(protocol.definition) });
  const fields = versionFields(form.values);
  const num = (path: string, label: string, description?: string, decimals = false) => (
    <NumberInput
      key={path}
      label={label}
      description={description}
      clampBehavior="none"
      allowDecimal={decimals}
      w={200}
      {...form.getInputProps(path)}
    />
  );
  const range = form.values.doseRangeMgPerKgPerHour
    ? { path: 'doseRangeMgPerKgPerHour', unit: 'mg/kg/h' }
    : form.values.doseRangeMgPerKgPerDose
      ? { path: 'doseRangeMgPerKgPerDose', unit: 'mg/kg a dose' }
      : null;

  const submit = form.onSubmit((values) => {
    setFormErrors([]);
    publish.mutate(toPublishBody(protocol, values), {
      onSuccess: (published) => {
        notifications.show({
          color: 'teal',
          title: 'Version published',
          message: `${published.name}, version ${published.version}: new courses are booked with it.`,
        });
        onPublished();
      },
      onError: (error) =>
        setFormErrors(apiErrorsOnForm(form, error, (path) => fields.has(path), LABELS, versionErrorPath)),
    });
  });

  return (
    <form onSubmit={submit} noValidate aria-label="New protocol version">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {protocol.key} · {ROUTE_LABELS[protocol.route]} · {SETTING_LABELS[protocol.setting]} · now version{' '}
          {protocol.version}: {describePattern(protocol.definition)}. Publishing makes version {protocol.version + 1};
          courses already booked keep the version they were booked with.
        </Text>
        <FormErrorAlert messages={formErrors} title="The version was not published" />
        <TextInput label="Name" maw={520} {...form.getInputProps('name')} />
        <Group align="flex-start" gap="md" wrap="wrap">
          {num('minutesPerSession', 'Minutes a session', 'Chair time incl. set-up and recovery')}
          {Object.keys(form.values.pattern)
            .filter((key) => key !== 'kind')
            .map((key) => num(`pattern.${key}`, PATTERN_LABELS[key] ?? key, undefined, key === 'hours'))}
          {num('vitalsIntervalMinutes', 'Vitals every (minutes)', 'Empty when unsupervised')}
        </Group>
        {range && (
          <Group align="flex-start" gap="md" wrap="wrap">
            {num(`${range.path}.min`, `Lowest dose (${range.unit})`, 'More than 0', true)}
            {num(`${range.path}.max`, `Highest dose (${range.unit})`, 'Above the lowest, at most 10', true)}
          </Group>
        )}
        <Group align="flex-start" gap="md" wrap="wrap">
          {num('caps.perSessionMg', 'Most a session (mg)', 'At most the course cap', true)}
          {num('caps.perCourseMg', 'Most a course (mg)', 'At most the lifetime cap', true)}
          {num('caps.cumulativeMg', 'Most in a lifetime (mg)', 'Up to 100000 mg', true)}
        </Group>
        <TextInput
          label="Follow-ups (days after the last session)"
          description="Ascending, separated by commas, e.g. 7, 30, 90"
          maw={420}
          {...form.getInputProps('followUpOffsetsDays')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={publish.isPending}>
            Publish version {protocol.version + 1}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
