import { Anchor, Card } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { describeError } from '../api/problem';
import type { Patient } from '../api/types';
import { EditPatientForm } from '../features/patients/components/EditPatientForm';
import { usePatient } from '../features/patients/hooks/usePatients';
import { CenteredLoader } from '../shared/CenteredLoader';
import { PageHeader } from '../shared/PageHeader';
import { QueryError } from '../shared/QueryError';
import { isMissingRecord, PatientNotFound } from './NotFoundPage';

export function EditPatientPage() {
  const { patientId = '' } = useParams();
  const navigate = useNavigate();
  // While editing, a background refetch must not replace what the user is typing over.
  const patient = usePatient(patientId, { refetchOnWindowFocus: false });
  // The version the user opened; replaced only when they ask for the latest one.
  const [opened, setOpened] = useState<Patient | null>(null);
  const [reloading, setReloading] = useState(false);
  const [generation, setGeneration] = useState(0);
  if (!opened && patient.data) setOpened(patient.data);

  const detailPath = `/patients/${patientId}`;
  const back = (
    <Anchor component={Link} to={detailPath} size="sm">
      ← Back to patient
    </Anchor>
  );

  if (!opened && isMissingRecord(patient.error)) return <PatientNotFound />;
  if (!opened && patient.isError) {
    return (
      <>
        <PageHeader above={back} title="Edit patient" />
        <QueryError error={patient.error} onRetry={() => patient.refetch()} title="Could not load this patient" />
      </>
    );
  }
  if (!opened) return <CenteredLoader label="Loading patient" />;

  const reloadLatest = async () => {
    setReloading(true);
    const latest = await patient.refetch();
    setReloading(false);
    if (latest.data && !latest.isError) {
      setOpened(latest.data);
      setGeneration((n) => n + 1);
    } else {
      notifications.show({ color: 'red', title: 'Could not reload', message: describeError(latest.error) });
    }
  };

  return (
    <>
      <PageHeader
        above={back}
        title={`Edit ${opened.givenName} ${opened.familyName}`}
        description={`MRN ${opened.mrn}`}
      />
      <Card withBorder radius="md" padding="xl" maw={880}>
        <EditPatientForm
          key={`${opened.version}:${generation}`}
          patient={opened}
          reloading={reloading}
          onReloadLatest={reloadLatest}
          onCancel={() => navigate(detailPath)}
          onSaved={(saved) => {
            notifications.show({ color: 'teal', title: 'Saved', message: `${saved.givenName} ${saved.familyName}` });
            navigate(detailPath);
          }}
        />
      </Card>
    </>
  );
}
