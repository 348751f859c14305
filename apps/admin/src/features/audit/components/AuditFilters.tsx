import { Button, Group, Select, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { StaffUser } from '../../../api/types';
import { isCalendarDate } from '../../../shared/dates';
import { NO_AUDIT_FILTER, type AuditFilterValues } from '../hooks/useAuditLog';

const MRN = /^[A-Za-z0-9-]{1,32}$/;

interface AuditFiltersProps {
  initial: AuditFilterValues;
  actors: StaffUser[];
  onApply: (filter: AuditFilterValues) => void;
}

export function AuditFilters({ initial, actors, onApply }: AuditFiltersProps) {
  const form = useForm<AuditFilterValues>({
    initialValues: initial,
    validate: {
      mrn: (value) => (!value.trim() || MRN.test(value.trim()) ? null : 'An MRN is letters, digits and hyphens'),
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
          label="Patient MRN"
          placeholder="e.g. DEMO-000001"
          autoComplete="off"
          w={220}
          {...form.getInputProps('mrn')}
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
