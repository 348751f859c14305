import { Button, Group, NumberInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { apiErrorsOnForm } from '../../../shared/forms';
import type { Clinic, UpdateClinicBody } from '../api/clinic.api';
import { INFUSIONS_PER_NURSE, rangeError } from '../forms/limits';
import { useUpdateClinic } from '../hooks/useClinic';
import { AffectedAppointments } from './AffectedAppointments';
import { notifySaved, overRatio, Section, type Stranded } from './Section';

interface SettingsValues {
  name: string;
  address: string;
  timezone: string;
  maxInfusionsPerNurse: number | string;
}

const FIELDS = new Set(['name', 'address', 'timezone', 'maxInfusionsPerNurse']);
const LABELS = {
  name: 'Name',
  address: 'Address',
  timezone: 'Time zone',
  maxInfusionsPerNurse: 'Infusions per nurse',
};
const ADDRESS_MAX_LENGTH = 300;

/**
 * Only what changed is sent (the API refuses an update that changes nothing), with the version the
 * form was opened on, so an edit made meanwhile by someone else is refused rather than overwritten.
 */
function changes(values: SettingsValues, clinic: Clinic): UpdateClinicBody {
  const body: UpdateClinicBody = { version: clinic.version };
  if (values.name.trim() !== clinic.name) body.name = values.name.trim();
  // An emptied address is cleared (null).
  const address = values.address.trim() || null;
  if (address !== (clinic.address ?? null)) body.address = address;
  if (values.timezone.trim() !== clinic.timezone) body.timezone = values.timezone.trim();
  if (values.maxInfusionsPerNurse !== clinic.maxInfusionsPerNurse) {
    body.maxInfusionsPerNurse = Number(values.maxInfusionsPerNurse);
  }
  return body;
}

export function ClinicSettingsForm({ clinic }: { clinic: Clinic }) {
  const update = useUpdateClinic();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [stranded, setStranded] = useState<Stranded>(null);
  const form = useForm<SettingsValues>({
    initialValues: {
      name: clinic.name,
      address: clinic.address ?? '',
      timezone: clinic.timezone,
      maxInfusionsPerNurse: clinic.maxInfusionsPerNurse,
    },
    validate: {
      name: (v) => (v.trim() ? null : 'Enter the clinic name'),
      address: (v) =>
        v.trim().length <= ADDRESS_MAX_LENGTH ? null : `Keep the address to ${ADDRESS_MAX_LENGTH} characters`,
      timezone: (v) => (v.trim() ? null : 'Enter an IANA time zone such as Europe/London'),
      maxInfusionsPerNurse: (v) => rangeError(v, INFUSIONS_PER_NURSE),
    },
  });

  const submit = form.onSubmit((values) => {
    setFormErrors([]);
    const body = changes(values, clinic);
    if (Object.keys(body).every((key) => key === 'version')) {
      notifySaved('Nothing to change.');
      return;
    }
    update.mutate(body, {
      onSuccess: (updated) => {
        notifySaved('Clinic settings saved.');
        setStranded(overRatio(updated.overNurseRatio));
      },
      onError: (error) => setFormErrors(apiErrorsOnForm(form, error, (path) => FIELDS.has(path), LABELS)),
    });
  });

  return (
    <Section title="Clinic" description="Every time in Cadence is shown in the clinic's time zone.">
      <form onSubmit={submit} noValidate aria-label="Clinic settings">
        <Stack gap="md">
          <FormErrorAlert messages={formErrors} title="Clinic settings not saved" />
          <Group align="flex-start" gap="md" wrap="wrap">
            <TextInput label="Name" w={300} {...form.getInputProps('name')} />
            <TextInput label="Time zone (IANA)" w={220} {...form.getInputProps('timezone')} />
            <NumberInput
              label="Infusions per nurse at once"
              description={`${INFUSIONS_PER_NURSE.min} to ${INFUSIONS_PER_NURSE.max}`}
              clampBehavior="none"
              w={220}
              {...form.getInputProps('maxInfusionsPerNurse')}
            />
          </Group>
          <TextInput
            label="Address"
            description="Street, town, postcode: printed in appointment reminders and the calendar files patients are given"
            maw={620}
            {...form.getInputProps('address')}
          />
          <Group>
            <Button type="submit" loading={update.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
      {stranded && (
        <AffectedAppointments
          title={stranded.title}
          appointments={stranded.appointments}
          timezone={clinic.timezone}
          onClose={() => setStranded(null)}
        />
      )}
    </Section>
  );
}
