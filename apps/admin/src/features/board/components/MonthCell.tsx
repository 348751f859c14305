import { Progress, Text } from '@mantine/core';
import { DateTime } from 'luxon';
import type { KeyboardEvent } from 'react';
import type { Occupancy } from '../api/appointments.api';

export type DayOccupancy = Occupancy['days'][number];

interface MonthCellProps {
  date: string;
  label: string;
  occupancy?: DayOccupancy;
  onOpen: (date: string) => void;
}

/**
 * One day of the month view: its number and how full its chairs are (booked of open chair-minutes).
 * The whole cell opens that day, by mouse or from the keyboard (Tab to it, Enter or Space).
 */
export function MonthCell({ date, label, occupancy, onOpen }: MonthCellProps) {
  const percent = occupancy?.percent ?? null;
  const summary = !occupancy ? '' : occupancy.closed ? 'Closed' : percent === null ? 'Not open' : `${percent}% full`;
  const spoken = DateTime.fromISO(date).toFormat('cccc d LLLL yyyy');
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    // Space would otherwise scroll the page.
    event.preventDefault();
    onOpen(date);
  };
  return (
    <div
      className="board-month-day"
      data-testid="month-day"
      data-date={date}
      role="button"
      tabIndex={0}
      aria-label={summary ? `${spoken}: ${summary}` : spoken}
      onClick={() => onOpen(date)}
      onKeyDown={onKeyDown}
    >
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
