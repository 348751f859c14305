import { Chip, Group, Select, SegmentedControl, Stack, Text } from '@mantine/core';
import { useClinic } from '../../clinic/hooks/useClinic';
import type { OptionFilters } from '../wizard';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

interface OptionFiltersBarProps {
  filters: OptionFilters;
  /** CHAIR or BED: only those are offered as the preferred one. */
  kind: 'CHAIR' | 'BED';
  onChange: (filters: OptionFilters) => void;
}

/** Time of day, the weekdays the patient can come and a chair to keep; each change searches again. */
export function OptionFiltersBar({ filters, kind, onChange }: OptionFiltersBarProps) {
  const clinic = useClinic();
  const chairs = (clinic.data?.chairs ?? []).filter((c) => c.active && c.kind === kind);
  return (
    <Group align="flex-end" gap="lg" wrap="wrap" data-testid="option-filters">
      <Stack gap={4}>
        <Text size="sm" fw={500} id="time-of-day-label">
          Time of day
        </Text>
        <SegmentedControl
          aria-labelledby="time-of-day-label"
          value={filters.timeOfDay ?? 'ANY'}
          onChange={(value) => onChange({ ...filters, timeOfDay: value as OptionFilters['timeOfDay'] })}
          data={[
            { value: 'ANY', label: 'Any time' },
            { value: 'MORNING', label: 'Morning' },
            { value: 'AFTERNOON', label: 'Afternoon' },
          ]}
        />
      </Stack>
      <Stack gap={4}>
        <Text size="sm" fw={500} id="weekdays-label">
          Weekdays the patient can come{' '}
          <Text span c="dimmed" size="xs">
            (none chosen: any)
          </Text>
        </Text>
        <Chip.Group
          multiple
          value={(filters.weekdays ?? []).map(String)}
          onChange={(values) => onChange({ ...filters, weekdays: values.map(Number) })}
        >
          <Group gap={6} role="group" aria-labelledby="weekdays-label">
            {WEEKDAYS.map((label, i) => (
              <Chip key={label} value={String(i + 1)} size="sm">
                {label}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Stack>
      <Select
        label={kind === 'BED' ? 'Preferred bed' : 'Preferred chair'}
        placeholder="Any"
        clearable
        w={200}
        data={chairs.map((c) => ({ value: c.id, label: c.name }))}
        value={filters.preferredChairId ?? null}
        onChange={(value) => onChange({ ...filters, preferredChairId: value ?? undefined })}
      />
    </Group>
  );
}
