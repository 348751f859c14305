import { Anchor, Table, Text } from '@mantine/core';
import { ageOn } from '@cadence/domain';
import { Link } from 'react-router';
import type { PatientSummary } from '../../../api/types';
import { formatDate } from '../../../shared/dates';
import { useClinicClock } from '../../clinic/hooks/useClinicClock';
import { SEX_OPTIONS } from '../hooks/usePatientForm';

const sexLabel = (sex: PatientSummary['sex']) => SEX_OPTIONS.find((o) => o.value === sex)?.label ?? sex;

interface PatientTableProps {
  patients: PatientSummary[];
}

export function PatientTable({ patients }: PatientTableProps) {
  const { today } = useClinicClock();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table highlightOnHover verticalSpacing="sm" aria-label="Patients">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>MRN</Table.Th>
            <Table.Th>Date of birth</Table.Th>
            <Table.Th>Sex</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {patients.map((patient) => (
            <Table.Tr key={patient.id}>
              <Table.Td>
                <Anchor component={Link} to={`/patients/${patient.id}`} fw={600}>
                  {patient.familyName}, {patient.givenName}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text ff="monospace" size="sm">
                  {patient.mrn}
                </Text>
              </Table.Td>
              <Table.Td>
                {formatDate(patient.dateOfBirth)}{' '}
                <Text span c="dimmed" size="sm">
                  ({ageOn(patient.dateOfBirth, today)} y)
                </Text>
              </Table.Td>
              <Table.Td>{sexLabel(patient.sex)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
