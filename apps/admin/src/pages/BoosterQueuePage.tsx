import { Stack } from '@mantine/core';
import { useState } from 'react';
import { BladderReviewQueue } from '../features/follow-up/components/BladderReview';
import { BoosterForecasts } from '../features/follow-up/components/BoosterForecasts';
import { BoosterQueue } from '../features/follow-up/components/BoosterQueue';
import { useBoosterQueue } from '../features/follow-up/hooks/useBoosters';
import { CenteredLoader } from '../shared/CenteredLoader';
import { PageHeader } from '../shared/PageHeader';
import { QueryError } from '../shared/QueryError';

const PAGE_SIZE = 25;

export function BoosterQueuePage() {
  const [page, setPage] = useState(1);
  const queue = useBoosterQueue({ page, pageSize: PAGE_SIZE });
  return (
    <>
      <PageHeader
        title="Booster queue"
        description="Open booster tasks, soonest due first, with every pre-booster check as it stands now"
      />
      <Stack gap="lg">
        <BladderReviewQueue />
        {queue.isPending ? (
          <CenteredLoader label="Loading the booster queue" />
        ) : queue.isError ? (
          <QueryError error={queue.error} onRetry={() => queue.refetch()} title="Could not load the booster queue" />
        ) : (
          <>
            <BoosterForecasts items={queue.data.forecasts} />
            <BoosterQueue queue={queue.data} onPage={setPage} />
          </>
        )}
      </Stack>
    </>
  );
}
