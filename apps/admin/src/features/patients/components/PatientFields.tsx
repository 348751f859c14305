import { Fieldset, NativeSelect, NumberInput, SimpleGrid, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { WEIGHT_ENTRY_KG } from '@cadence/domain';
import { useClinicClock } from '../../clinic/hooks/useClinicClock';
import { SEX_OPTIONS, type PatientFormValues } from '../hooks/usePatientForm';
import { ClinicDateInput } from '../../../shared/ClinicDateInput';
import { formatDate } from '../../../shared/dates';

// Required inputs are announced as required (aria-required) but carry no asterisk in their
// label: optional inputs say "Optional" instead, and the label stays exactly the field's name.
const REQUIRED = { required: true, withAsterisk: false } as const;

interface PatientFieldsProps {
  form: UseFormReturnType<PatientFormValues>;
}

/** Demographics and contacts; shared by the create and edit forms. */
export function PatientFields({ form }: PatientFieldsProps) {
  const { today } = useClinicClock();
  return (
    <>
      <Fieldset legend="Identity" variant="unstyled">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label="MRN"
            description="Medical record number"
            {...REQUIRED}
            autoComplete="off"
            {...form.getInputProps('mrn')}
          />
          <div />
          <TextInput label="Given name" {...REQUIRED} autoComplete="off" {...form.getInputProps('givenName')} />
          <TextInput label="Family name" {...REQUIRED} autoComplete="off" {...form.getInputProps('familyName')} />
          <ClinicDateInput
            label="Date of birth"
            description={`${formatDate('1900-01-01')} to ${formatDate(today)}`}
            {...REQUIRED}
            {...form.getInputProps('dateOfBirth')}
          />
          <NativeSelect
            label="Sex"
            {...REQUIRED}
            data={[{ value: '', label: 'Choose…', disabled: true }, ...SEX_OPTIONS]}
            {...form.getInputProps('sex')}
          />
          <NumberInput
            label="Weight (kg)"
            description={`Optional · ${WEIGHT_ENTRY_KG.min} to ${WEIGHT_ENTRY_KG.max} kg, 0.1 kg steps · used for mg/kg dosing`}
            clampBehavior="none"
            hideControls
            {...form.getInputProps('weightKg')}
          />
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend="Contact" variant="unstyled">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label="Phone"
            description="Optional"
            type="tel"
            autoComplete="off"
            {...form.getInputProps('phone')}
          />
          <TextInput
            label="Email"
            description="Optional"
            type="email"
            autoComplete="off"
            {...form.getInputProps('email')}
          />
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend="Escort" variant="unstyled">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label="Escort name"
            description="Optional · the adult who takes the patient home after an infusion"
            autoComplete="off"
            {...form.getInputProps('escortName')}
          />
          <TextInput
            label="Escort contact number"
            description="Optional"
            type="tel"
            autoComplete="off"
            {...form.getInputProps('escortPhone')}
          />
        </SimpleGrid>
      </Fieldset>
    </>
  );
}
