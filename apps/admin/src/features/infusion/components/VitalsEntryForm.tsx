import {
  Button,
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
import { VITALS_ENTRY_RANGES, vitalsReadingProblems, type VitalsReading } from '@cadence/domain';
import { useState } from 'react';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { apiErrorsOnForm, domainFormErrors } from '../../../shared/forms';
import { clinicTimeOrNow, entered } from '../forms';
import { useEntryNow } from '../hooks/useNow';
import { DISSOCIATION_LABELS, RASS_LABELS } from '../labels';
import { newId } from '../../../shared/ids';

export interface VitalsEntry {
  id: string;
  takenAt: string;
  systolic?: number;
  diastolic?: number;
  heartRate?: number;
  spo2?: number;
  respiratoryRate?: number;
  rass?: number;
  dissociation?: number;
}

interface Values {
  time: string;
  systolic: number | string;
  diastolic: number | string;
  heartRate: number | string;
  spo2: number | string;
  respiratoryRate: number | string;
  rass: string | null;
  dissociation: string;
}

const SIGNS = ['systolic', 'diastolic', 'heartRate', 'spo2', 'respiratoryRate'] as const;
const LABELS = {
  systolic: 'Systolic (mmHg)',
  diastolic: 'Diastolic (mmHg)',
  heartRate: 'Heart rate (bpm)',
  spo2: 'SpO2 (%)',
  respiratoryRate: 'Resp. rate (/min)',
} as const;

interface VitalsEntryFormProps {
  zone: string;
  today: string;
  saving: boolean;
  onSave: (entry: VitalsEntry) => Promise<unknown>;
  onDone: () => void;
}

/**
 * One reading, as compact as the tablet allows. The entry's id is made once, when the form opens,
 * and sent again on every retry: a reading whose answer was lost on the way is stored once.
 */
export function VitalsEntryForm({ zone, today, saving, onSave, onDone }: VitalsEntryFormProps) {
  const [id] = useState(() => newId());
  const entryNow = useEntryNow();
  const [messages, setMessages] = useState<string[]>([]);
  const form = useForm<Values>({
    initialValues: {
      time: '',
      systolic: '',
      diastolic: '',
      heartRate: '',
      spo2: '',
      respiratoryRate: '',
      rass: null,
      dissociation: '',
    },
  });

  const toEntry = (values: Values): VitalsEntry => {
    const entry: VitalsEntry = { id, takenAt: clinicTimeOrNow(values.time, today, zone, entryNow) };
    for (const sign of SIGNS) {
      const value = entered(values[sign]);
      if (value !== undefined) entry[sign] = value;
    }
    if (values.rass !== null && values.rass !== '') entry.rass = Number(values.rass);
    if (values.dissociation !== '') entry.dissociation = Number(values.dissociation);
    return entry;
  };

  const submit = form.onSubmit(async (values) => {
    setMessages([]);
    const entry = toEntry(values);
    // The domain's own entry rules (the API runs the same), beside the inputs before sending.
    const reading: VitalsReading = { ...entry, atMs: Date.parse(entry.takenAt) };
    const problems = vitalsReadingProblems(reading).map((p) => ({
      field: p.field === 'atMs' ? 'time' : p.field,
      message: p.field === 'atMs' && entry.takenAt ? p.problem : `${p.field} ${p.problem}`,
    }));
    if (problems.length > 0) {
      form.setErrors(domainFormErrors(problems, LABELS));
      return;
    }
    try {
      await onSave(entry);
      onDone();
    } catch (error) {
      setMessages(
        apiErrorsOnForm(
          form,
          error,
          (path) => path in values || path === 'takenAt',
          LABELS,
          (field) => (field === 'takenAt' ? 'time' : field.replace(/^body\./, '')),
        ),
      );
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Vitals reading">
      <Stack gap="sm">
        <FormErrorAlert messages={messages} />
        <SimpleGrid cols={3} spacing="sm">
          <TextInput label="Taken at" description="Empty: now" type="time" size="md" {...form.getInputProps('time')} />
          {SIGNS.map((sign) => (
            <NumberInput
              key={sign}
              label={LABELS[sign]}
              description={`${VITALS_ENTRY_RANGES[sign].min}–${VITALS_ENTRY_RANGES[sign].max}`}
              size="md"
              inputMode="numeric"
              clampBehavior="none"
              hideControls
              {...form.getInputProps(sign)}
            />
          ))}
        </SimpleGrid>
        <SimpleGrid cols={1} spacing="sm">
          <Select
            label="Sedation (RASS)"
            size="md"
            placeholder="Not assessed"
            clearable
            data={Object.keys(RASS_LABELS)
              .map(Number)
              .sort((a, b) => b - a)
              .map((score) => ({
                value: String(score),
                label: `${score > 0 ? '+' : ''}${score} ${RASS_LABELS[String(score)]}`,
              }))}
            {...form.getInputProps('rass')}
          />
          <Stack gap={4}>
            <Text size="md" fw={500}>
              Dissociation
            </Text>
            <SegmentedControl
              aria-label="Dissociation"
              fullWidth
              size="md"
              data={[
                { value: '', label: '—' },
                ...DISSOCIATION_LABELS.map((label, score) => ({ value: String(score), label })),
              ]}
              {...form.getInputProps('dissociation')}
            />
            {form.errors.dissociation && (
              <Text size="sm" c="red">
                {form.errors.dissociation}
              </Text>
            )}
          </Stack>
        </SimpleGrid>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" size="lg" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" size="lg" loading={saving}>
            Save reading
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
