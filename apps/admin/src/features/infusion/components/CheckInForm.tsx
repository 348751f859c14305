import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { VITALS_ENTRY_RANGES, WEIGHT_ENTRY_KG } from '@cadence/domain';
import { useId, useState, type ReactNode } from 'react';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { apiErrorsOnForm } from '../../../shared/forms';
import type { CheckInBody, InfusionSession } from '../api/infusion.api';
import { checkInFieldPath, toCheckInBody, type CheckInValues } from '../checkInBody';
import { useClinicians } from '../api/clinicians.api';
import { PainScale } from './PainScale';

const LABELS: Record<string, string> = {
  bpTime: 'Taken at',
  systolic: 'Systolic',
  diastolic: 'Diastolic',
  heartRate: 'Heart rate',
  spo2: 'SpO2',
  weightKg: 'Weight',
  pregnancy: 'Pregnancy status',
  lastFood: 'Last food',
  lastClearFluids: 'Last clear fluids',
  escortArranged: 'Escort home',
  willDrive: 'Driving',
  painBefore: 'Pain before',
  supervisingClinicianId: 'Supervising clinician',
};

function Choice({
  label,
  description,
  data,
  value,
  onChange,
  error,
}: {
  label: string;
  description?: string;
  data: { value: string; label: string }[];
  value?: string;
  onChange?: (value: string) => void;
  error?: ReactNode;
}) {
  const id = useId();
  return (
    <Stack gap={4}>
      <Text fw={500} id={id}>
        {label}
      </Text>
      {description && (
        <Text size="xs" c="dimmed">
          {description}
        </Text>
      )}
      <SegmentedControl aria-labelledby={id} size="md" value={value ?? ''} onChange={onChange} data={data} />
      {error && (
        <Text size="sm" c="red">
          {error}
        </Text>
      )}
    </Stack>
  );
}

const range = (sign: keyof typeof VITALS_ENTRY_RANGES) =>
  `${VITALS_ENTRY_RANGES[sign].min}–${VITALS_ENTRY_RANGES[sign].max}`;

interface CheckInFormProps {
  zone: string;
  today: string;
  saving: boolean;
  onCheckIn: (body: CheckInBody) => Promise<InfusionSession>;
  onCheckedIn: (session: InfusionSession) => void;
}

/**
 * The day-of facts, as measured today (nothing is carried over from screening). A fact left
 * empty is "not recorded": the API's checks say what that means, and it can be added after.
 */
export function CheckInForm({ zone, today, saving, onCheckIn, onCheckedIn }: CheckInFormProps) {
  const clinicians = useClinicians();
  const [messages, setMessages] = useState<string[]>([]);
  const form = useForm<CheckInValues>({
    initialValues: {
      bpTime: '',
      systolic: '',
      diastolic: '',
      heartRate: '',
      spo2: '',
      weightKg: '',
      pregnancy: '',
      lastFood: '',
      lastClearFluids: '',
      escortArranged: '',
      willDrive: '',
      painBefore: '',
      supervisingClinicianId: null,
      identityConfirmed: false,
    },
    validate: {
      supervisingClinicianId: (value) => (value ? null : 'Choose the clinician supervising this session'),
      identityConfirmed: (value) => (value ? null : "Confirm the patient's name and date of birth with them"),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setMessages([]);
    try {
      onCheckedIn(await onCheckIn(toCheckInBody(values, today, zone)));
    } catch (error) {
      setMessages(apiErrorsOnForm(form, error, (path) => path in values, LABELS, checkInFieldPath));
    }
  });

  const number = (name: 'systolic' | 'diastolic' | 'heartRate' | 'spo2', label: string) => (
    <NumberInput
      label={label}
      description={range(name)}
      size="md"
      inputMode="numeric"
      clampBehavior="none"
      hideControls
      {...form.getInputProps(name)}
    />
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Check-in">
      <Stack gap="lg">
        <FormErrorAlert messages={messages} title="Not checked in" />
        <Fieldset legend="Blood pressure and heart rate">
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            <TextInput
              label="Taken at"
              description="Empty: now"
              type="time"
              size="md"
              {...form.getInputProps('bpTime')}
            />
            {number('systolic', 'Systolic (mmHg)')}
            {number('diastolic', 'Diastolic (mmHg)')}
            {number('heartRate', 'Heart rate (bpm)')}
          </SimpleGrid>
          <Text size="sm" c="dimmed" mt={6}>
            A reading above the review limit asks for a recheck after rest; both readings are kept.
          </Text>
        </Fieldset>
        <Fieldset legend="Today's measurements">
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            {number('spo2', 'SpO2 at rest (%)')}
            <NumberInput
              label="Weight (kg)"
              description={`${WEIGHT_ENTRY_KG.min}–${WEIGHT_ENTRY_KG.max} kg, 0.1 kg steps · the dose is planned on today's weight`}
              size="md"
              inputMode="decimal"
              clampBehavior="none"
              hideControls
              {...form.getInputProps('weightKg')}
            />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend="Before the session">
          <Stack gap="md">
            <Choice
              label="Pregnancy status today"
              description="Where it applies; never carried over from screening"
              data={[
                { value: '', label: 'Not recorded' },
                { value: 'no', label: 'Not pregnant' },
                { value: 'possible', label: 'Possible' },
                { value: 'yes', label: 'Pregnant' },
              ]}
              {...form.getInputProps('pregnancy')}
            />
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <TextInput
                label="Last food (today)"
                description="Only when the protocol asks for fasting"
                type="time"
                size="md"
                {...form.getInputProps('lastFood')}
              />
              <TextInput
                label="Last clear fluids (today)"
                description="Only when the protocol asks for fasting"
                type="time"
                size="md"
                {...form.getInputProps('lastClearFluids')}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <Choice
                label="Escort home arranged"
                data={[
                  { value: '', label: 'Not asked' },
                  { value: 'yes', label: 'Yes' },
                  { value: 'no', label: 'No' },
                ]}
                {...form.getInputProps('escortArranged')}
              />
              <Choice
                label="Will drive after treatment"
                data={[
                  { value: '', label: 'Not asked' },
                  { value: 'no', label: 'No' },
                  { value: 'yes', label: 'Yes' },
                ]}
                {...form.getInputProps('willDrive')}
              />
            </SimpleGrid>
            <PainScale label="Pain before (NRS 0–10)" {...form.getInputProps('painBefore')} />
          </Stack>
        </Fieldset>
        <Fieldset legend="Supervision and identity">
          <Stack gap="sm">
            <Select
              label="Supervising clinician"
              description="Receives this session's serious adverse-event alerts and co-signs the record"
              size="md"
              placeholder={clinicians.isPending ? 'Loading…' : 'Choose…'}
              data={(clinicians.data ?? []).map((c) => ({ value: c.id, label: c.displayName }))}
              error={clinicians.isError ? 'Could not load the clinicians' : undefined}
              {...form.getInputProps('supervisingClinicianId')}
            />
            <Checkbox
              size="md"
              label="I confirmed the patient's name and date of birth with the patient"
              {...form.getInputProps('identityConfirmed', { type: 'checkbox' })}
            />
          </Stack>
        </Fieldset>
        <Group justify="flex-end">
          <Button type="submit" size="lg" loading={saving}>
            Check in
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
