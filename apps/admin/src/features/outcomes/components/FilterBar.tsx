import { Button, Card, Group, MultiSelect, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { ProtocolRecord } from '../../protocols/api/protocols.api';
import { NO_FILTERS, parseDiagnoses, type OutcomeFilters } from '../filters';
import { AGE_BAND_VALUES, options, PAIN_MECHANISM_VALUES, ROUTE_VALUES, SEX_VALUES } from '../labels';

interface FilterBarProps {
  filters: OutcomeFilters;
  onChange: (filters: OutcomeFilters) => void;
  protocols: readonly ProtocolRecord[];
}

/** Every filter the outcomes API takes; each narrows the courses every figure counts. */
export function FilterBar({ filters, onChange, protocols }: FilterBarProps) {
  const [diagnosisText, setDiagnosisText] = useState(filters.diagnosis.join(', '));
  const set = (patch: Partial<OutcomeFilters>) => onChange({ ...filters, ...patch });
  const protocolOptions = [...new Map(protocols.map((p) => [p.key, p.name])).entries()].map(([value, label]) => ({
    value,
    label,
  }));
  const versions =
    filters.protocolKey.length === 1
      ? protocols.filter((p) => p.key === filters.protocolKey[0]).map((p) => String(p.version))
      : [];

  // Hints under the inputs, so the inputs of a row line up whether or not a field has one.
  const below = {
    inputWrapperOrder: ['label', 'input', 'description', 'error'] as ('label' | 'input' | 'description' | 'error')[],
  };
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      component="form"
      aria-label="Filters"
      onSubmit={(e) => e.preventDefault()}
    >
      <Group gap="sm" align="flex-start" wrap="wrap" mb="xs">
        <MultiSelect
          label="Protocol"
          placeholder={filters.protocolKey.length ? undefined : 'Every protocol'}
          data={protocolOptions}
          value={filters.protocolKey}
          onChange={(protocolKey) => set({ protocolKey, protocolVersion: null })}
          searchable
          clearable
          style={{ flex: '1 1 360px' }}
        />
        <Select
          label="Protocol version"
          description={filters.protocolKey.length === 1 ? undefined : 'Choose one protocol first'}
          {...below}
          placeholder="Every version"
          data={versions.map((v) => ({ value: v, label: `Version ${v}` }))}
          value={filters.protocolVersion === null ? null : String(filters.protocolVersion)}
          onChange={(v) => set({ protocolVersion: v === null ? null : Number(v) })}
          disabled={versions.length === 0}
          clearable
          w={180}
        />
        <TextInput
          label="Last session from"
          type="date"
          value={filters.from}
          onChange={(e) => set({ from: e.currentTarget.value })}
          w={170}
        />
        <TextInput
          label="Last session to"
          type="date"
          value={filters.to}
          onChange={(e) => set({ to: e.currentTarget.value })}
          w={170}
        />
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 6 }} spacing="sm" verticalSpacing="xs">
        <MultiSelect
          label="Pain mechanism"
          placeholder={filters.painMechanism.length ? undefined : 'Any'}
          data={options(PAIN_MECHANISM_VALUES)}
          value={filters.painMechanism}
          onChange={(painMechanism) => set({ painMechanism })}
          clearable
        />
        <TextInput
          label="Diagnosis (ICD-10)"
          {...below}
          placeholder="e.g. G57, M79.7"
          description="A code or its beginning; several with commas"
          value={diagnosisText}
          onChange={(e) => {
            setDiagnosisText(e.currentTarget.value);
            set({ diagnosis: parseDiagnoses(e.currentTarget.value) });
          }}
        />
        <MultiSelect
          label="Route"
          placeholder={filters.route.length ? undefined : 'Any'}
          data={options(ROUTE_VALUES)}
          value={filters.route}
          onChange={(route) => set({ route })}
          clearable
        />
        <MultiSelect
          label="Age band"
          {...below}
          description="Age at the last session"
          placeholder={filters.ageBand.length ? undefined : 'Any'}
          data={options(AGE_BAND_VALUES)}
          value={filters.ageBand}
          onChange={(ageBand) => set({ ageBand })}
          clearable
        />
        <MultiSelect
          label="Sex"
          placeholder={filters.sex.length ? undefined : 'Any'}
          data={options(SEX_VALUES)}
          value={filters.sex}
          onChange={(sex) => set({ sex })}
          clearable
        />
        <Select
          label="Booster or initial"
          data={[
            { value: 'ANY', label: 'Both' },
            { value: 'INITIAL', label: 'Initial courses only' },
            { value: 'BOOSTER', label: 'Boosters only' },
          ]}
          value={filters.booster}
          onChange={(v) => set({ booster: (v ?? 'ANY') as OutcomeFilters['booster'] })}
          allowDeselect={false}
        />
      </SimpleGrid>
      <Group justify="flex-end" mt="sm">
        <Button
          variant="subtle"
          color="gray"
          size="xs"
          onClick={() => {
            setDiagnosisText('');
            onChange(NO_FILTERS);
          }}
        >
          Clear filters
        </Button>
      </Group>
    </Card>
  );
}
