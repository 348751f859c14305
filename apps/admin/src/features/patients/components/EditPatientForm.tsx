import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { isApiError } from '../../../api/problem';
import type { Patient } from '../../../api/types';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { apiErrorsOnForm, focusFirstError } from '../../../shared/forms';
import { useUpdatePatient } from '../hooks/usePatients';
import {
  hasChanges,
  isPatientFormField,
  PATIENT_FIELD_LABELS,
  patientToFormValues,
  toUpdateBody,
  usePatientForm,
} from '../hooks/usePatientForm';
import { PatientFields } from './PatientFields';

interface EditPatientFormProps {
  /** The version the user opened; edits are checked against it by the API. */
  patient: Patient;
  onSaved: (patient: Patient) => void;
  onCancel: () => void;
  /** Fetch the latest version and start again from it (discarding these edits). */
  onReloadLatest: () => void;
  reloading: boolean;
}

const isStale = (error: unknown) =>
  isApiError(error, 409) && (error.code === 'STALE_VERSION' || error.fieldErrors.length === 0);

export function EditPatientForm({ patient, onSaved, onCancel, onReloadLatest, reloading }: EditPatientFormProps) {
  const form = usePatientForm(patientToFormValues(patient));
  const updatePatient = useUpdatePatient(patient.id);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [stale, setStale] = useState(false);

  const submit = form.onSubmit(
    (values) => {
      const body = toUpdateBody(values, patient);
      if (!hasChanges(body)) {
        onSaved(patient);
        return;
      }
      setFormErrors([]);
      updatePatient.mutate(body, {
        onSuccess: onSaved,
        onError: (error) => {
          if (isStale(error)) {
            setStale(true);
            return;
          }
          setFormErrors(apiErrorsOnForm(form, error, isPatientFormField, PATIENT_FIELD_LABELS));
        },
      });
    },
    (errors) => focusFirstError(form, errors),
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Edit patient">
      <Stack gap="lg">
        {stale && (
          <Alert
            ref={(node) => node?.scrollIntoView({ block: 'nearest', behavior: 'smooth' })}
            color="orange"
            variant="light"
            role="alert"
            title="This patient was changed by someone else since you opened it"
          >
            <Stack gap="sm">
              <Text size="sm">
                Your changes have not been saved. Reload the latest version to see what changed, then make your changes
                again.
              </Text>
              <Group>
                <Button color="orange" size="xs" onClick={onReloadLatest} loading={reloading}>
                  Reload latest version
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        <FormErrorAlert messages={formErrors} title="The changes were not saved" />
        <PatientFields form={form} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={updatePatient.isPending} disabled={stale}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
