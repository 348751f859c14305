import {
  ActionIcon,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { newDiagnosis, PAIN_MECHANISM_OPTIONS, type PatientFormValues } from '../hooks/usePatientForm';

interface DiagnosesFieldsProps {
  form: UseFormReturnType<PatientFormValues>;
}

/** Diagnoses recorded when a patient is registered. */
export function DiagnosesFields({ form }: DiagnosesFieldsProps) {
  const rows = form.values.diagnoses;
  return (
    <Fieldset legend="Diagnoses" variant="unstyled">
      <Stack gap="sm">
        {rows.length === 0 && (
          <Text size="sm" c="dimmed">
            No diagnoses yet. They can also be added later by a clinician.
          </Text>
        )}
        {rows.map((row, index) => (
          <Paper key={row.key} withBorder p="sm" radius="md">
            <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm" verticalSpacing="xs">
              <TextInput
                label="ICD-10 code"
                placeholder="e.g. M79.7"
                autoComplete="off"
                {...form.getInputProps(`diagnoses.${index}.icd10Code`)}
              />
              <TextInput
                label="Description"
                autoComplete="off"
                style={{ gridColumn: 'span 2' }}
                {...form.getInputProps(`diagnoses.${index}.description`)}
              />
              <NativeSelect
                label="Pain mechanism"
                data={PAIN_MECHANISM_OPTIONS}
                {...form.getInputProps(`diagnoses.${index}.painMechanism`)}
              />
            </SimpleGrid>
            <Group justify="space-between" mt="xs">
              <Checkbox
                label="Primary diagnosis"
                {...form.getInputProps(`diagnoses.${index}.isPrimary`, { type: 'checkbox' })}
              />
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`Remove diagnosis ${index + 1}`}
                onClick={() => form.removeListItem('diagnoses', index)}
              >
                ✕
              </ActionIcon>
            </Group>
          </Paper>
        ))}
        <Group>
          <Button
            variant="light"
            size="xs"
            onClick={() => form.insertListItem('diagnoses', newDiagnosis(rows.length === 0))}
          >
            Add diagnosis
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
