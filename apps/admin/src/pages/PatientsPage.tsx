import { Button, Card, Group, Pagination, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { hasAnyRole, useCurrentUser } from '../features/auth/hooks/useSession';
import { REGISTER_PATIENT_ROLES } from '../features/auth/roles';
import { PatientFilters } from '../features/patients/components/PatientFilters';
import { PatientTable } from '../features/patients/components/PatientTable';
import { usePatientList } from '../features/patients/hooks/usePatients';
import { PATIENT_PAGE_SIZE, usePatientSearch } from '../features/patients/hooks/usePatientSearch';
import { CenteredLoader } from '../shared/CenteredLoader';
import { PageHeader } from '../shared/PageHeader';
import { QueryError } from '../shared/QueryError';

export function PatientsPage() {
  const user = useCurrentUser();
  const canRegister = hasAnyRole(user, REGISTER_PATIENT_ROLES);
  const search = usePatientSearch();
  const patients = usePatientList(search.query);
  const total = patients.data?.total ?? 0;
  // Past 1,000 matches the API stops counting: the pages reach that far and the count says "more than".
  const moreThanTotal = patients.data?.totalIsLowerBound ?? false;
  const pages = Math.max(1, Math.ceil(total / PATIENT_PAGE_SIZE));
  const first = total === 0 ? 0 : (search.page - 1) * PATIENT_PAGE_SIZE + 1;
  const last = Math.min(total, search.page * PATIENT_PAGE_SIZE);

  return (
    <>
      <PageHeader
        title="Patients"
        actions={
          canRegister && (
            <Button component={Link} to="/patients/new" size="md">
              New patient
            </Button>
          )
        }
      />
      <Stack gap="md">
        <Card withBorder radius="md" padding="lg">
          <PatientFilters
            text={search.text}
            onTextChange={search.setText}
            dateOfBirth={search.dateOfBirth}
            onDateOfBirthChange={search.setDateOfBirth}
            onClear={search.clear}
            canClear={search.isFiltered || search.text !== ''}
          />
        </Card>
        <Card withBorder radius="md" padding={0}>
          {patients.isPending ? (
            <CenteredLoader label="Loading patients" />
          ) : patients.isError ? (
            <div style={{ padding: 'var(--mantine-spacing-lg)' }}>
              <QueryError error={patients.error} onRetry={() => patients.refetch()} title="Could not load patients" />
            </div>
          ) : patients.data.items.length === 0 ? (
            <Stack align="center" gap={4} py={48} px="md">
              <Text fw={600}>{search.isFiltered ? 'No patients match this search' : 'No patients yet'}</Text>
              <Text c="dimmed" size="sm">
                {search.isFiltered
                  ? 'Check the spelling, try the MRN, or clear the filters.'
                  : canRegister
                    ? 'Register the first patient with “New patient”.'
                    : 'Patients registered at the front desk appear here.'}
              </Text>
            </Stack>
          ) : (
            <div style={{ opacity: patients.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' }}>
              <PatientTable patients={patients.data.items} />
            </div>
          )}
        </Card>
        <Group justify="space-between" wrap="wrap">
          <Text size="sm" c="dimmed" aria-live="polite">
            {patients.data
              ? total === 0
                ? 'No patients'
                : moreThanTotal
                  ? `Showing ${first}–${last} of more than ${total.toLocaleString('en-GB')} patients: add a word, the MRN or the date of birth to narrow the search`
                  : `Showing ${first}–${last} of ${total} patients`
              : ' '}
          </Text>
          {pages > 1 && (
            <Pagination
              total={pages}
              value={Math.min(search.page, pages)}
              onChange={search.setPage}
              getControlProps={(control) => ({ 'aria-label': `${control} page` })}
            />
          )}
        </Group>
      </Stack>
    </>
  );
}
