import { Anchor, Card } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useNavigate } from 'react-router';
import { CreatePatientForm } from '../features/patients/components/CreatePatientForm';
import { PageHeader } from '../shared/PageHeader';

export function NewPatientPage() {
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        above={
          <Anchor component={Link} to="/patients" size="sm">
            ← Patients
          </Anchor>
        }
        title="New patient"
        description="Everything is required unless marked optional."
      />
      <Card withBorder radius="md" padding="xl" maw={880}>
        <CreatePatientForm
          onCancel={() => navigate('/patients')}
          onCreated={(patient) => {
            notifications.show({
              color: 'teal',
              title: 'Patient registered',
              message: `${patient.givenName} ${patient.familyName} (MRN ${patient.mrn})`,
            });
            navigate(`/patients/${patient.id}`, { replace: true });
          }}
        />
      </Card>
    </>
  );
}
