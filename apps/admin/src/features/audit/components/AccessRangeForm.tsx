import { Button, Group, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { isCalendarDate } from '../../../shared/dates';
import type { AccessRange } from '../hooks/useAccessReport';

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
        <TextInput label="From" type="date" w={160} {...form.getInputProps('from')} />
        <TextInput label="To" type="date" w={160} {...form.getInputProps('to')} />
        <Button type="submit" variant="light">
          Show these days
        </Button>
      </Group>
    </form>
  );
}
