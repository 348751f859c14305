import { Button, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import type { Patient } from '../../../api/types';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { apiErrorsOnForm, focusFirstError } from '../../../shared/forms';
import { useCreatePatient } from '../hooks/usePatients';
import {
  EMPTY_PATIENT,
  isPatientFormField,
  PATIENT_FIELD_LABELS,
  toCreateBody,
  usePatientForm,
} from '../hooks/usePatientForm';
import { DiagnosesFields } from './DiagnosesFields';
import { PatientFields } from './PatientFields';

interface CreatePatientFormProps {
  onCreated: (patient: Patient) => void;
  onCancel: () => void;
}

export function CreatePatientForm({ onCreated, onCancel }: CreatePatientFormProps) {
  const form = usePatientForm(EMPTY_PATIENT);
  const createPatient = useCreatePatient();
  const [formErrors, setFormErrors] = useState<string[]>([]);

  const submit = form.onSubmit(
    (values) => {
      setFormErrors([]);
      createPatient.mutate(toCreateBody(values), {
        onSuccess: onCreated,
        onError: (error) => {
          setFormErrors(apiErrorsOnForm(form, error, isPatientFormField, PATIENT_FIELD_LABELS));
        },
      });
    },
    (errors) => focusFirstError(form, errors),
  );

  return (
    <form onSubmit={submit} noValidate aria-label="New patient">
      <Stack gap="lg">
        <FormErrorAlert messages={formErrors} title="The patient was not saved" />
        <PatientFields form={form} />
        <DiagnosesFields form={form} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={createPatient.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
