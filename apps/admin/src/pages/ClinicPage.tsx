import { ClinicCapacity } from '../features/clinic/components/ClinicCapacity';
import { useClinic } from '../features/clinic/hooks/useClinic';
import { CenteredLoader } from '../shared/CenteredLoader';
import { PageHeader } from '../shared/PageHeader';
import { QueryError } from '../shared/QueryError';

export function ClinicPage() {
  const clinic = useClinic();
  return (
    <>
      <PageHeader
        title="Clinic capacity"
        description="Opening hours, chairs and beds, nurse shifts and closures: what slot search books into."
      />
      {clinic.isPending ? (
        <CenteredLoader label="Loading the clinic" />
      ) : clinic.isError ? (
        <QueryError error={clinic.error} onRetry={() => clinic.refetch()} title="Could not load the clinic" />
      ) : (
        <ClinicCapacity clinic={clinic.data} />
      )}
    </>
  );
}
