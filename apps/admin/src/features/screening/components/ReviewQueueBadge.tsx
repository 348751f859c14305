import { Badge } from '@mantine/core';
import { useReviewQueueCount } from '../hooks/useScreenings';

/** Beside "Review queue" in the menu: how many screenings wait, red when one is flagged for suicidality. */
export function ReviewQueueBadge() {
  const { data } = useReviewQueueCount();
  if (!data || data.waiting === 0) return null;
  const label = `${data.waiting} waiting${data.flagged > 0 ? `, ${data.flagged} flagged for suicidality` : ''}`;
  return (
    <Badge
      size="sm"
      circle={data.waiting < 10}
      color={data.flagged > 0 ? 'red' : 'blue'}
      variant="filled"
      aria-label={label}
      title={label}
      data-testid="review-queue-count"
    >
      {data.waiting > 99 ? '99+' : data.waiting}
    </Badge>
  );
}
