import { Anchor, Button, Stack } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { hasAnyRole, useCurrentUser } from '../features/auth/hooks/useSession';
import { ADMIN_ROLES } from '../features/auth/roles';
import { PatientCourses } from '../features/booking/components/PatientCourses';
import { BOARD_ROLES, BOOKING_ROLES } from '../features/booking/roles';
import { useClinicClock } from '../features/clinic/hooks/useClinicClock';
import { DoseLedgerCard } from '../features/dosing/components/DoseLedgerCard';
import { PatientTimeline } from '../features/follow-up/components/PatientTimeline';
import { BLADDER_REVIEW_ROLES, TIMELINE_ROLES } from '../features/follow-up/labels';
import { INFUSION_ROLES } from '../features/infusion/labels';
import { ForecastCard } from '../features/outcomes/components/ForecastCard';
import { FORECAST_ROLES } from '../features/outcomes/labels';
import { PatientOverview } from '../features/patients/components/PatientDetails';
import { usePatient } from '../features/patients/hooks/usePatients';
import { EligibilityCard } from '../features/screening/components/EligibilityCard';
import { PatientScreenings } from '../features/screening/components/PatientScreenings';
import { RECORD_SCREENING_ROLES, SCREENING_ROLES } from '../features/screening/labels';
import { CenteredLoader } from '../shared/CenteredLoader';
import { PageHeader } from '../shared/PageHeader';
import { QueryError } from '../shared/QueryError';
import { isMissingRecord, PatientNotFound } from './NotFoundPage';

export function PatientDetailPage() {
  const { patientId = '' } = useParams();
  const patient = usePatient(patientId);
  const user = useCurrentUser();
  const { zone } = useClinicClock();
  // Schedulers see the eligibility decision and its reasons; nurses and clinicians also the screenings.
  const seesScreenings = hasAnyRole(user, SCREENING_ROLES);
  const back = (
    <Anchor component={Link} to="/patients" size="sm">
      ← Patients
    </Anchor>
  );

  if (patient.isPending) return <CenteredLoader label="Loading patient" />;
  if (isMissingRecord(patient.error)) return <PatientNotFound />;
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
          <>
            <Button component={Link} to={`/patients/${p.id}/edit`} variant="light">
              Edit details
            </Button>
            {hasAnyRole(user, ADMIN_ROLES) && (
              <Button component={Link} to={`/audit/patients/${p.id}`} variant="subtle">
                Who has seen this record
              </Button>
            )}
            {hasAnyRole(user, BOOKING_ROLES) && (
              <Button component={Link} to={`/booking?patient=${p.id}`}>
                Book a course
              </Button>
            )}
          </>
        }
      />
      <Stack gap="lg">
        <EligibilityCard patientId={p.id} showEvidence={seesScreenings} />
        {seesScreenings && <PatientScreenings patientId={p.id} canRecord={hasAnyRole(user, RECORD_SCREENING_ROLES)} />}
        {hasAnyRole(user, BOARD_ROLES) && <PatientCourses patientId={p.id} />}
        {hasAnyRole(user, TIMELINE_ROLES) && (
          <PatientTimeline patientId={p.id} zone={zone} canReview={hasAnyRole(user, BLADDER_REVIEW_ROLES)} />
        )}
        {hasAnyRole(user, FORECAST_ROLES) && <ForecastCard patientId={p.id} />}
        {hasAnyRole(user, INFUSION_ROLES) && <DoseLedgerCard patientId={p.id} zone={zone} />}
        <PatientOverview patient={p} />
      </Stack>
    </>
  );
}
