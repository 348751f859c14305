import { Anchor, Button } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { PatientOverview } from '../features/patients/components/PatientDetails';
import { usePatient } from '../features/patients/hooks/usePatients';
import { CenteredLoader } from '../shared/CenteredLoader';
import { PageHeader } from '../shared/PageHeader';
import { QueryError } from '../shared/QueryError';

export function PatientDetailPage() {
  const { patientId = '' } = useParams();
  const patient = usePatient(patientId);
  const back = (
    <Anchor component={Link} to="/patients" size="sm">
      ← Patients
    </Anchor>
  );

  if (patient.isPending) return <CenteredLoader label="Loading patient" />;
  if (patient.isError) {
    return (
      <>
        <PageHeader above={back} title="Patient" />
        <QueryError error={patient.error} onRetry={() => patient.refetch()} title="Could not load this patient" />
      </>
    );
  }
  const p = patient.data;
  return (
    <>
      <PageHeader
        above={back}
        title={`${p.familyName}, ${p.givenName}`}
        description={`MRN ${p.mrn}`}
        actions={
          <Button component={Link} to={`/patients/${p.id}/edit`} variant="light">
            Edit details
          </Button>
        }
      />
      <PatientOverview patient={p} />
    </>
  );
}
