import { Button, Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { CLINIC_DATE_FORMATS, clinicSettingsProblems, type ClinicDateFormat } from '@cadence/domain';
import { useMemo, useState } from 'react';
import { describeDateFormat } from '../../../shared/dates';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { apiErrorsOnForm, domainFormErrors } from '../../../shared/forms';
import type { Clinic, UpdateClinicBody } from '../api/clinic.api';
import {
  DIASTOLIC_LIMIT,
  INFUSIONS_PER_NURSE,
  rangeError,
  SCREENING_VALIDITY_DAYS,
  SYSTOLIC_LIMIT,
} from '../forms/limits';
import { timeZoneOptions } from '../zones';
import { useUpdateClinic } from '../hooks/useClinic';
import { AffectedAppointments } from './AffectedAppointments';
import { notifySaved, overRatio, Section, type Stranded } from './Section';

const NUMBER_FIELDS = [
  'maxInfusionsPerNurse',
  'bpReviewSystolic',
  'bpReviewDiastolic',
  'bpBlockSystolic',
  'bpBlockDiastolic',
  'screeningValidityDays',
] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];

type SettingsValues = {
  name: string;
  address: string;
  timezone: string;
  dateFormat: ClinicDateFormat;
} & Record<NumberField, number | string>;

const LABELS: Record<string, string> = {
  name: 'Name',
  address: 'Address',
  timezone: 'Time zone',
  dateFormat: 'Date format',
  maxInfusionsPerNurse: 'Infusions per nurse',
  bpReviewSystolic: 'Review systolic',
  bpReviewDiastolic: 'Review diastolic',
  bpBlockSystolic: 'Block systolic',
  bpBlockDiastolic: 'Block diastolic',
  screeningValidityDays: 'Screening validity',
};
const FIELDS = new Set(Object.keys(LABELS));
const RANGES: Record<NumberField, { min: number; max: number }> = {
  maxInfusionsPerNurse: INFUSIONS_PER_NURSE,
  bpReviewSystolic: SYSTOLIC_LIMIT,
  bpReviewDiastolic: DIASTOLIC_LIMIT,
  bpBlockSystolic: SYSTOLIC_LIMIT,
  bpBlockDiastolic: DIASTOLIC_LIMIT,
  screeningValidityDays: SCREENING_VALIDITY_DAYS,
};
const DATE_FORMAT_OPTIONS = CLINIC_DATE_FORMATS.map((format) => ({ value: format, label: describeDateFormat(format) }));
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
  if (values.timezone !== clinic.timezone) body.timezone = values.timezone;
  if (values.dateFormat !== clinic.dateFormat) body.dateFormat = values.dateFormat;
  for (const field of NUMBER_FIELDS) {
    if (Number(values[field]) !== clinic[field]) body[field] = Number(values[field]);
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
      dateFormat: clinic.dateFormat,
      ...Object.fromEntries(NUMBER_FIELDS.map((field) => [field, clinic[field]])),
    } as SettingsValues,
    validate: (values) => {
      const errors: Record<string, string | null> = {
        name: values.name.trim() ? null : 'Enter the clinic name',
        address:
          values.address.trim().length <= ADDRESS_MAX_LENGTH
            ? null
            : `Keep the address to ${ADDRESS_MAX_LENGTH} characters`,
        timezone: values.timezone ? null : 'Choose the time zone the clinic is in',
      };
      for (const field of NUMBER_FIELDS) errors[field] = rangeError(values[field], RANGES[field]);
      if (NUMBER_FIELDS.every((field) => !errors[field])) {
        // The domain's rule the API applies: a reading needs review before it blocks treatment.
        Object.assign(
          errors,
          domainFormErrors(
            clinicSettingsProblems({
              bpReviewSystolic: Number(values.bpReviewSystolic),
              bpReviewDiastolic: Number(values.bpReviewDiastolic),
              bpBlockSystolic: Number(values.bpBlockSystolic),
              bpBlockDiastolic: Number(values.bpBlockDiastolic),
            }),
            LABELS,
          ),
        );
      }
      return errors;
    },
  });
  const zones = useMemo(() => timeZoneOptions(clinic.timezone), [clinic.timezone]);
  const numberInput = (field: NumberField, label: string, unit: string) => (
    <NumberInput
      label={label}
      description={`${RANGES[field].min} to ${RANGES[field].max} ${unit}`}
      clampBehavior="none"
      allowDecimal={false}
      w={200}
      {...form.getInputProps(field)}
    />
  );

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
            <Select
              label="Time zone"
              description="IANA zone; type to search"
              data={zones}
              searchable
              allowDeselect={false}
              nothingFoundMessage="No such time zone"
              w={260}
              {...form.getInputProps('timezone')}
            />
            <Select
              label="Date format"
              description="How every date is written and typed"
              data={DATE_FORMAT_OPTIONS}
              allowDeselect={false}
              w={260}
              {...form.getInputProps('dateFormat')}
            />
            {numberInput('maxInfusionsPerNurse', 'Infusions per nurse at once', '')}
          </Group>
          <div>
            <Text fw={600} size="sm">
              Blood pressure at screening (mmHg)
            </Text>
            <Text size="xs" c="dimmed">
              Above either review limit a clinician reviews before treatment; at or above either block limit, confirmed
              by a second reading, treatment is blocked. Review limits must be below block limits.
            </Text>
          </div>
          <Group align="flex-start" gap="md" wrap="wrap">
            {numberInput('bpReviewSystolic', 'Review above systolic', 'mmHg')}
            {numberInput('bpReviewDiastolic', 'Review above diastolic', 'mmHg')}
            {numberInput('bpBlockSystolic', 'Block from systolic', 'mmHg')}
            {numberInput('bpBlockDiastolic', 'Block from diastolic', 'mmHg')}
          </Group>
          <Group align="flex-start" gap="md" wrap="wrap">
            {numberInput('screeningValidityDays', 'A signed screening holds for', 'days')}
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
