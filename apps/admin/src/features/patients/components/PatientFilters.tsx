import { Button, Group, TextInput } from '@mantine/core';
import { ClinicDateInput } from '../../../shared/ClinicDateInput';

interface PatientFiltersProps {
  text: string;
  onTextChange: (value: string) => void;
  dateOfBirth: string;
  onDateOfBirthChange: (value: string) => void;
  onClear: () => void;
  canClear: boolean;
}

export function PatientFilters(props: PatientFiltersProps) {
  return (
    <Group align="flex-end" gap="md" wrap="wrap">
      <TextInput
        label="Search patients"
        description="Name or MRN"
        placeholder="e.g. Okafor or MRN-10234"
        type="search"
        autoComplete="off"
        value={props.text}
        onChange={(event) => props.onTextChange(event.currentTarget.value)}
        style={{ flex: '1 1 320px' }}
        size="md"
      />
      <ClinicDateInput
        label="Date of birth"
        description="Exact date"
        value={props.dateOfBirth}
        onChange={props.onDateOfBirthChange}
        size="md"
        w={190}
      />
      <Button variant="subtle" color="gray" size="md" onClick={props.onClear} disabled={!props.canClear}>
        Clear
      </Button>
    </Group>
  );
}
