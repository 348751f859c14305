import { Button, Group, Select, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { StaffUser } from '../../../api/types';
import { isCalendarDate } from '../../../shared/dates';
import { NO_AUDIT_FILTER, type AuditFilterValues } from '../hooks/useAuditLog';
import { AUDIT_ACTION_OPTIONS, rolesLabel } from '../labels';
import { ClinicDateInput } from '../../../shared/ClinicDateInput';

interface AuditFiltersProps {
  initial: AuditFilterValues;
  actors: StaffUser[];
  onApply: (filter: AuditFilterValues) => void;
}

export function AuditFilters({ initial, actors, onApply }: AuditFiltersProps) {
  const form = useForm<AuditFilterValues>({
    initialValues: initial,
    validate: {
      patient: (value) => (value.trim().length <= 100 ? null : 'At most 100 characters'),
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
          label="Patient"
          description="Name or MRN"
          placeholder="e.g. Walker or DEMO-000001"
          autoComplete="off"
          w={230}
          {...form.getInputProps('patient')}
        />
        <Select
          label="Action"
          placeholder="Any action"
          clearable
          w={200}
          data={AUDIT_ACTION_OPTIONS}
          value={form.values.action || null}
          onChange={(value) => form.setFieldValue('action', value ?? '')}
        />
        <Select
          label="Staff member"
          placeholder="Anyone"
          searchable
          clearable
          w={260}
          data={actors.map((user) => ({ value: user.id, label: `${user.displayName} (${rolesLabel(user.roles)})` }))}
          value={form.values.actorId || null}
          onChange={(value) => form.setFieldValue('actorId', value ?? '')}
        />
        <ClinicDateInput label="From" w={170} {...form.getInputProps('from')} />
        <ClinicDateInput label="To" w={170} {...form.getInputProps('to')} />
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
