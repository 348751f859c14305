import { Button, Group, Select, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { StaffUser } from '../../../api/types';
import { isCalendarDate } from '../../../shared/dates';
import { NO_AUDIT_FILTER, type AuditFilterValues } from '../hooks/useAuditLog';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface AuditFiltersProps {
  initial: AuditFilterValues;
  actors: StaffUser[];
  onApply: (filter: AuditFilterValues) => void;
}

export function AuditFilters({ initial, actors, onApply }: AuditFiltersProps) {
  const form = useForm<AuditFilterValues>({
    initialValues: initial,
    validate: {
      patientId: (value) => (!value.trim() || UUID.test(value.trim()) ? null : 'Paste a patient id (a UUID)'),
      to: (value, values) =>
        isCalendarDate(value) && isCalendarDate(values.from) && value < values.from
          ? 'The end date is before the start date'
          : null,
    },
  });

  return (
    <form
      onSubmit={form.onSubmit(onApply)}
      onReset={() => {
        form.setValues(NO_AUDIT_FILTER);
        onApply(NO_AUDIT_FILTER);
      }}
      noValidate
    >
      <Group align="flex-end" gap="md" wrap="wrap">
        <TextInput
          label="Patient id"
          placeholder="UUID"
          autoComplete="off"
          w={300}
          {...form.getInputProps('patientId')}
        />
        <Select
          label="Actor"
          placeholder="Anyone"
          searchable
          clearable
          w={240}
          data={actors.map((user) => ({ value: user.id, label: `${user.displayName} (${user.email})` }))}
          value={form.values.actorId || null}
          onChange={(value) => form.setFieldValue('actorId', value ?? '')}
          error={form.errors.actorId}
        />
        <TextInput label="From" type="date" w={160} {...form.getInputProps('from')} />
        <TextInput label="To" type="date" w={160} {...form.getInputProps('to')} />
        <Group gap="xs">
          <Button type="submit">Apply</Button>
          <Button type="reset" variant="subtle" color="gray">
            Clear
          </Button>
        </Group>
      </Group>
    </form>
  );
}
