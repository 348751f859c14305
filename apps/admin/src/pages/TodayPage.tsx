import { Card, Group, Loader, Text } from '@mantine/core';
import { useClinicClock } from '../features/clinic/hooks/useClinicClock';
import { TodayList } from '../features/infusion/components/TodayList';
import { useToday } from '../features/infusion/hooks/useInfusion';
import { CenteredLoader } from '../shared/CenteredLoader';
import { PageHeader } from '../shared/PageHeader';
import { QueryError } from '../shared/QueryError';
import { DateTime } from 'luxon';

/** The nurse's landing page: every appointment of the clinic's day, by chair and time. */
export function TodayPage() {
  const { zone, today } = useClinicClock();
  const list = useToday();
  const title = DateTime.fromISO(list.data?.date ?? today).toFormat('cccc d LLLL yyyy');

  return (
    <>
      <PageHeader
        title="Today"
        description={`${title} · times in ${zone}`}
        actions={
          <Group gap="xs" aria-live="polite">
            {list.isFetching && <Loader size="xs" />}
            <Text size="sm" c="dimmed">
              Refreshes every 30 seconds
            </Text>
          </Group>
        }
      />
      {list.isError && (
        <QueryError error={list.error} onRetry={() => list.refetch()} title="Could not load today's sessions" />
      )}
      {list.isPending ? (
        <CenteredLoader label="Loading today's sessions" />
      ) : list.data && list.data.items.length === 0 ? (
        <Card withBorder padding="lg">
          <Text c="dimmed">No appointments today.</Text>
        </Card>
      ) : (
        list.data && <TodayList items={list.data.items} zone={zone} />
      )}
    </>
  );
}
