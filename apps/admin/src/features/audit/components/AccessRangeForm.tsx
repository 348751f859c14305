import { Button, Group } from '@mantine/core';
import { useForm } from '@mantine/form';
import { isCalendarDate } from '../../../shared/dates';
import type { AccessRange } from '../hooks/useAccessReport';
import { ClinicDateInput } from '../../../shared/ClinicDateInput';

/** The days the access report covers; it applies on submit. */
export function AccessRangeForm({ initial, onApply }: { initial: AccessRange; onApply: (range: AccessRange) => void }) {
  const form = useForm<AccessRange>({
    initialValues: initial,
    validate: {
      to: (value, values) =>
        isCalendarDate(value) && isCalendarDate(values.from) && value < values.from
          ? 'The end date is before the start date'
          : null,
    },
  });
  return (
    <form onSubmit={form.onSubmit(onApply)} noValidate>
      <Group align="flex-end" gap="md" wrap="wrap">
        <ClinicDateInput label="From" w={170} {...form.getInputProps('from')} />
        <ClinicDateInput label="To" w={170} {...form.getInputProps('to')} />
        <Button type="submit" variant="light">
          Show these days
        </Button>
      </Group>
    </form>
  );
}
