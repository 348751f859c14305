import {
  Button,
  Checkbox,
  Group,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { ADVERSE_EVENT_ACTIONS, ADVERSE_EVENT_OUTCOMES, adverseEventProblems } from '@cadence/domain';
import { useState } from 'react';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { apiErrorsOnForm, domainFormErrors, optionalText } from '../../../shared/forms';
import { clinicTimeOrNow } from '../forms';
import { useEntryNow } from '../hooks/useNow';
import { AE_ACTION_LABELS, AE_OUTCOME_LABELS } from '../labels';

/** A CTCAE v5 term as the picker shows it: each grade the workbook defines, with its words. */
export interface TermChoice {
  id: string;
  term: string;
  grades: { grade: number; definition: string }[];
}

export interface AdverseEventValues {
  term: string | null;
  grade: string;
  onset: string;
  actions: string[];
  outcome: string | null;
  serious: boolean;
  description: string;
}

export interface AdverseEventFields {
  term: string;
  grade: number;
  onsetAt: string;
  actions: string[];
  outcome: string;
  serious: boolean;
  description?: string;
}

interface AdverseEventFormProps {
  terms: readonly TermChoice[];
  zone: string;
  today: string;
  /** A draft's suggested term and grade, or nothing for a new event. */
  initial?: Partial<AdverseEventValues>;
  submitLabel: string;
  saving: boolean;
  onSave: (fields: AdverseEventFields) => Promise<unknown>;
  onDone: () => void;
}

const LABELS = { term: 'Term', grade: 'Grade', onsetAt: 'Onset', actions: 'Action taken', outcome: 'Outcome' };

/** The CTCAE term and grade with each grade's definition on screen as the nurse picks. */
export function AdverseEventForm({
  terms,
  zone,
  today,
  initial,
  submitLabel,
  saving,
  onSave,
  onDone,
}: AdverseEventFormProps) {
  const entryNow = useEntryNow();
  const [messages, setMessages] = useState<string[]>([]);
  const form = useForm<AdverseEventValues>({
    initialValues: {
      term: null,
      grade: '',
      onset: '',
      actions: [],
      outcome: null,
      serious: false,
      description: '',
      ...initial,
    },
  });
  const chosen = terms.find((t) => t.id === form.values.term);

  const submit = form.onSubmit(async (values) => {
    setMessages([]);
    const fields: AdverseEventFields = {
      term: values.term ?? '',
      grade: Number(values.grade),
      onsetAt: clinicTimeOrNow(values.onset, today, zone, entryNow),
      actions: values.actions,
      outcome: values.outcome ?? '',
      serious: values.serious,
      description: optionalText(values.description),
    };
    const problems = adverseEventProblems({ ...fields, onsetMs: Date.parse(fields.onsetAt) }).map((p) => ({
      field: p.field === 'onsetMs' ? 'onset' : p.field,
      message: p.field === 'onsetMs' ? 'Onset needs the time it began' : `${p.field} ${p.problem}`,
    }));
    if (!values.grade) problems.push({ field: 'grade', message: 'Choose the grade' });
    if (problems.length > 0) {
      form.setErrors(domainFormErrors(problems, LABELS));
      return;
    }
    try {
      await onSave(fields);
      onDone();
    } catch (error) {
      setMessages(
        apiErrorsOnForm(
          form,
          error,
          (path) => path in values,
          LABELS,
          (field) => (field.replace(/^body\./, '') === 'onsetAt' ? 'onset' : field.replace(/^body\./, '')),
        ),
      );
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Adverse event">
      <Stack gap="sm">
        <FormErrorAlert messages={messages} />
        <SimpleGrid cols={2} spacing="sm">
          <Select
            label="CTCAE v5 term"
            size="md"
            searchable
            data={terms.map((t) => ({ value: t.id, label: t.term }))}
            {...form.getInputProps('term')}
            onChange={(value) => {
              form.setFieldValue('term', value);
              form.setFieldValue('grade', '');
            }}
          />
          <TextInput label="Onset" description="Empty: now" type="time" size="md" {...form.getInputProps('onset')} />
        </SimpleGrid>
        {chosen && (
          <Radio.Group label="Grade" {...form.getInputProps('grade')}>
            <Stack gap={6} mt={6}>
              {chosen.grades.map((g) => (
                <Radio.Card key={g.grade} value={String(g.grade)} p="sm" radius="md" aria-label={`Grade ${g.grade}`}>
                  <Group wrap="nowrap" align="flex-start" gap="sm">
                    <Radio.Indicator />
                    <div>
                      <Text fw={650}>Grade {g.grade}</Text>
                      <Text size="sm">{g.definition}</Text>
                    </div>
                  </Group>
                </Radio.Card>
              ))}
            </Stack>
          </Radio.Group>
        )}
        {form.values.term === 'other' && (
          <Textarea label="Describe the event" autosize minRows={2} {...form.getInputProps('description')} />
        )}
        <Checkbox.Group label="Action taken" {...form.getInputProps('actions')}>
          <Group gap="md" mt={6}>
            {ADVERSE_EVENT_ACTIONS.map((action) => (
              <Checkbox key={action} value={action} label={AE_ACTION_LABELS[action]} size="md" />
            ))}
          </Group>
        </Checkbox.Group>
        <SimpleGrid cols={2} spacing="sm">
          <Select
            label="Outcome"
            size="md"
            data={ADVERSE_EVENT_OUTCOMES.map((o) => ({ value: o, label: AE_OUTCOME_LABELS[o] }))}
            {...form.getInputProps('outcome')}
          />
          <Switch
            mt={30}
            size="lg"
            label="Serious adverse event"
            {...form.getInputProps('serious', { type: 'checkbox' })}
          />
        </SimpleGrid>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" size="lg" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" size="lg" loading={saving}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
