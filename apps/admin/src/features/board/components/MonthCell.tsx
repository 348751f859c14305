import { Progress, Text } from '@mantine/core';
import type { Occupancy } from '../api/appointments.api';

export type DayOccupancy = Occupancy['days'][number];

/** One day of the month view: its number and how full its chairs are (booked of open chair-minutes). */
export function MonthCell({ date, label, occupancy }: { date: string; label: string; occupancy?: DayOccupancy }) {
  const percent = occupancy?.percent ?? null;
  const summary = !occupancy ? '' : occupancy.closed ? 'Closed' : percent === null ? 'Not open' : `${percent}% full`;
  return (
    <div className="board-month-day" data-testid="month-day" data-date={date} aria-label={`${date}: ${summary}`}>
      <span className="board-month-day__number">{label}</span>
      {percent !== null && (
        <Progress
          value={Math.min(percent, 100)}
          color={percent >= 90 ? 'red' : percent >= 70 ? 'orange' : 'cadence'}
          size="sm"
          aria-hidden
        />
      )}
      <Text size="xs" c={percent === null ? 'dimmed' : undefined} fw={percent === null ? 400 : 600}>
        {summary}
      </Text>
    </div>
  );
}
