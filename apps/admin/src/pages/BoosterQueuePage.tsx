import { Stack } from '@mantine/core';
import { BladderReviewQueue } from '../features/follow-up/components/BladderReview';
import { BoosterForecasts } from '../features/follow-up/components/BoosterForecasts';
import { BoosterQueue } from '../features/follow-up/components/BoosterQueue';
import { useBoosterQueue } from '../features/follow-up/hooks/useBoosters';
import { CenteredLoader } from '../shared/CenteredLoader';
import { PageHeader } from '../shared/PageHeader';
import { QueryError } from '../shared/QueryError';

export function BoosterQueuePage() {
  const queue = useBoosterQueue();
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
            <BoosterQueue items={queue.data.items} />
          </>
        )}
      </Stack>
    </>
  );
}
