import { useState } from 'react';
import { hasAnyRole, useCurrentUser } from '../features/auth/hooks/useSession';
import { useClinicClock } from '../features/clinic/hooks/useClinicClock';
import { Worklist } from '../features/follow-up/components/Worklist';
import { useWorklist } from '../features/follow-up/hooks/useFollowUps';
import { RECORD_FOLLOW_UP_ROLES } from '../features/follow-up/labels';
import { CenteredLoader } from '../shared/CenteredLoader';
import { PageHeader } from '../shared/PageHeader';
import { QueryError } from '../shared/QueryError';

const PAGE_SIZE = 50;

export function FollowUpWorklistPage() {
  const { zone } = useClinicClock();
  const canAct = hasAnyRole(useCurrentUser(), RECORD_FOLLOW_UP_ROLES);
  const [page, setPage] = useState(1);
  const worklist = useWorklist({ page, pageSize: PAGE_SIZE });
  return (
    <>
      <PageHeader
        title="Follow-ups"
        description={
          worklist.data
            ? `${worklist.data.total} to make · overdue first (closest to closing), then due, then missed in the last days`
            : 'Overdue first (closest to closing), then due, then missed in the last days'
        }
      />
      {worklist.isPending ? (
        <CenteredLoader label="Loading the worklist" />
      ) : worklist.isError ? (
        <QueryError error={worklist.error} onRetry={() => worklist.refetch()} title="Could not load the worklist" />
      ) : (
        <Worklist page={worklist.data} zone={zone} canAct={canAct} pageSize={PAGE_SIZE} onPage={setPage} />
      )}
    </>
  );
}
