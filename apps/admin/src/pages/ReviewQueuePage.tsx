import { Card, Text } from '@mantine/core';
import { ReviewQueue } from '../features/screening/components/ReviewQueue';
import { useReviewQueue } from '../features/screening/hooks/useScreenings';
import { CenteredLoader } from '../shared/CenteredLoader';
import { PageHeader } from '../shared/PageHeader';
import { QueryError } from '../shared/QueryError';

export function ReviewQueuePage() {
  const queue = useReviewQueue();
  return (
    <>
      <PageHeader
        title="Review queue"
        description="Submitted screenings awaiting a clinician: suicidality flags first, then those needing review."
      />
      {queue.isPending && <CenteredLoader label="Loading the review queue" />}
      {queue.isError && (
        <QueryError error={queue.error} onRetry={() => queue.refetch()} title="Could not load the review queue" />
      )}
      {queue.data &&
        (queue.data.items.length === 0 ? (
          <Card withBorder radius="md" padding="xl">
            <Text c="dimmed" ta="center">
              Nothing to review. Submitted screenings appear here.
            </Text>
          </Card>
        ) : (
          <ReviewQueue items={queue.data.items} />
        ))}
    </>
  );
}
