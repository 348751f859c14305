import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { ageOn } from '@cadence/domain';
import type { ReactNode } from 'react';
import type { Patient } from '../../../api/types';
import { formatDate } from '../../../shared/dates';
import { useClinicClock } from '../../clinic/hooks/useClinicClock';
import { formatClinicDateTime } from '../../clinic/time';
import { PAIN_MECHANISM_LABELS, SEX_OPTIONS } from '../hooks/usePatientForm';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.4}>
        {label}
      </Text>
      <Text size="md">{children ?? '—'}</Text>
    </div>
  );
}

export function PatientDemographics({ patient }: { patient: Patient }) {
  const { today, zone } = useClinicClock();
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={3} size="h4" mb="md">
        Demographics
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="lg" verticalSpacing="md">
        <Field label="MRN">{patient.mrn}</Field>
        <Field label="Date of birth">
          {formatDate(patient.dateOfBirth)} ({ageOn(patient.dateOfBirth, today)} years)
        </Field>
        <Field label="Sex">{SEX_OPTIONS.find((o) => o.value === patient.sex)?.label ?? patient.sex}</Field>
        <Field label="Weight">{patient.weightKg != null ? `${patient.weightKg} kg` : null}</Field>
        <Field label="Phone">{patient.phone}</Field>
        <Field label="Email">{patient.email}</Field>
        <Field label="Escort">{patient.escortName}</Field>
        <Field label="Escort contact number">{patient.escortPhone}</Field>
        <Field label="Last updated">{formatClinicDateTime(patient.updatedAt, zone)}</Field>
      </SimpleGrid>
    </Card>
  );
}

export function PatientDiagnoses({ patient }: { patient: Patient }) {
  const diagnoses = [...patient.diagnoses].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={3} size="h4" mb="md">
        Diagnoses
      </Title>
      {diagnoses.length === 0 ? (
        <Text c="dimmed">No diagnoses recorded.</Text>
      ) : (
        <Table verticalSpacing="sm" aria-label="Diagnoses">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>ICD-10</Table.Th>
              <Table.Th>Description</Table.Th>
              <Table.Th>Pain mechanism</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {diagnoses.map((diagnosis) => (
              <Table.Tr key={diagnosis.id}>
                <Table.Td>
                  <Text ff="monospace" size="sm">
                    {diagnosis.icd10Code}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    {diagnosis.description}
                    {diagnosis.isPrimary && (
                      <Badge size="sm" variant="light">
                        Primary
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{PAIN_MECHANISM_LABELS[diagnosis.painMechanism]}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

export function PatientOverview({ patient }: { patient: Patient }) {
  return (
    <Stack gap="lg">
      <PatientDemographics patient={patient} />
      <PatientDiagnoses patient={patient} />
    </Stack>
  );
}
