import { Alert, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import type { PatientSummary } from '../../../api/types';
import { CenteredLoader } from '../../../shared/CenteredLoader';
import { formatDate } from '../../../shared/dates';
import { QueryError } from '../../../shared/QueryError';
import { PatientFilters } from '../../patients/components/PatientFilters';
import { usePatient, usePatientList } from '../../patients/hooks/usePatients';
import { usePatientSearch } from '../../patients/hooks/usePatientSearch';
import { EligibilityCard } from '../../screening/components/EligibilityCard';
import { useEligibility } from '../hooks/useBooking';

/** Find the patient with the patients feature's own search (kept in the URL, like the list). */
export function PatientSearch({ onChoose }: { onChoose: (patientId: string) => void }) {
  const search = usePatientSearch();
  const patients = usePatientList(search.query);
  return (
    <Stack gap="md">
      <PatientFilters
        text={search.text}
        onTextChange={search.setText}
        dateOfBirth={search.dateOfBirth}
        onDateOfBirthChange={search.setDateOfBirth}
        onClear={search.clear}
        canClear={search.isFiltered || search.text !== ''}
      />
      {!search.isFiltered ? (
        <Text c="dimmed" size="sm">
          Type a name or MRN to find the patient.
        </Text>
      ) : patients.isPending ? (
        <CenteredLoader label="Searching patients" />
      ) : patients.isError ? (
        <QueryError error={patients.error} onRetry={() => patients.refetch()} title="Could not search patients" />
      ) : patients.data.items.length === 0 ? (
        <Text c="dimmed" size="sm">
          No patients match. Check the spelling or try the MRN.
        </Text>
      ) : (
        <Table verticalSpacing="xs" highlightOnHover aria-label="Matching patients">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>MRN</Table.Th>
              <Table.Th>Date of birth</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody style={{ opacity: patients.isPlaceholderData ? 0.6 : 1 }}>
            {patients.data.items.map((p: PatientSummary) => (
              <Table.Tr key={p.id}>
                <Table.Td fw={600}>
                  {p.familyName}, {p.givenName}
                </Table.Td>
                <Table.Td>{p.mrn}</Table.Td>
                <Table.Td>{formatDate(p.dateOfBirth)}</Table.Td>
                <Table.Td ta="right">
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => onChoose(p.id)}
                    aria-label={`Choose ${p.familyName}, ${p.givenName}`}
                  >
                    Choose
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** The chosen patient, and whether the API says they may be booked. */
export function ChosenPatient({ patientId, onChange }: { patientId: string; onChange: () => void }) {
  const patient = usePatient(patientId);
  const eligibility = useEligibility(patientId);
  return (
    <Stack gap="md">
      <Card withBorder padding="md" radius="md">
        {patient.isPending ? (
          <CenteredLoader label="Loading patient" />
        ) : patient.isError ? (
          <QueryError error={patient.error} onRetry={() => patient.refetch()} title="Could not load this patient" />
        ) : (
          <Group justify="space-between" wrap="wrap">
            <div>
              <Text fw={650} size="lg" data-testid="chosen-patient">
                {patient.data.familyName}, {patient.data.givenName}
              </Text>
              <Text size="sm" c="dimmed">
                MRN {patient.data.mrn} · born {formatDate(patient.data.dateOfBirth)}
                {patient.data.weightKg != null ? ` · ${patient.data.weightKg} kg` : ''}
              </Text>
            </div>
            <Button variant="default" onClick={onChange}>
              Change patient
            </Button>
          </Group>
        )}
      </Card>
      <EligibilityCard patientId={patientId} showEvidence={false} />
      {eligibility.data && eligibility.data.status !== 'ELIGIBLE' && (
        <Alert color="orange" variant="light" title="This patient cannot be booked yet" data-testid="not-bookable">
          A course is booked only for a patient who is eligible today. Once their screenings are signed and say
          eligible, come back here.
        </Alert>
      )}
    </Stack>
  );
}
