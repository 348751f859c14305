import { Card, Group, Text } from '@mantine/core';
import { DateTime } from 'luxon';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { hasAnyRole, useCurrentUser } from '../features/auth/hooks/useSession';
import { AppointmentPanel } from '../features/board/components/AppointmentPanel';
import { BoardToolbar } from '../features/board/components/BoardToolbar';
import { BookingsToMove } from '../features/board/components/BookingsToMove';
import { ChairBoard, type PendingMove } from '../features/board/components/ChairBoard';
import { MoveConfirm } from '../features/board/components/MoveConfirm';
import { useAppointments, useOccupancy } from '../features/board/hooks/useBoard';
import { boardRange, isBoardView, type BoardView } from '../features/board/range';
import { BOOKING_ROLES, CHANGE_APPOINTMENT_ROLES, NO_SHOW_ROLES } from '../features/booking/roles';
import type { ClinicChair, ClinicClosure, OpeningWindow } from '../features/clinic/api/clinic.api';
import { useClinic } from '../features/clinic/hooks/useClinic';
import { useClinicClock } from '../features/clinic/hooks/useClinicClock';
import { CenteredLoader } from '../shared/CenteredLoader';
import { isCalendarDate } from '../shared/dates';
import { PageHeader } from '../shared/PageHeader';
import { QueryError } from '../shared/QueryError';

export function BoardPage() {
  const clinic = useClinic();
  const header = (
    <PageHeader
      title="Chair board"
      description={clinic.data ? `${clinic.data.name} · times in ${clinic.data.timezone}` : undefined}
    />
  );
  if (clinic.isPending) return <CenteredLoader label="Loading the clinic" />;
  if (clinic.isError) {
    return (
      <>
        {header}
        <QueryError error={clinic.error} onRetry={() => clinic.refetch()} title="Could not load the clinic" />
      </>
    );
  }
  return (
    <>
      {header}
      <Board chairs={clinic.data.chairs} openingHours={clinic.data.openingHours} closures={clinic.data.closures} />
    </>
  );
}

interface BoardProps {
  chairs: ClinicChair[];
  openingHours: OpeningWindow[];
  closures: ClinicClosure[];
}

function Board({ chairs, openingHours, closures }: BoardProps) {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { zone, today } = useClinicClock();
  const [params, setParams] = useSearchParams();
  const rawDate = params.get('date') ?? '';
  const date = isCalendarDate(rawDate) ? rawDate : today;
  const rawView = params.get('view');
  const view: BoardView = isBoardView(rawView) ? rawView : 'day';
  const [showCancelled, setShowCancelled] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [pendingMove, setPendingMove] = useState<PendingMove | null>(null);
  const range = boardRange(date, view, zone);
  // The month view shows counts only: no patient's appointment is loaded for it.
  const appointments = useAppointments(range.from, range.to, view !== 'month');
  const month = DateTime.fromISO(date).toFormat('yyyy-LL');
  const occupancy = useOccupancy(month, view === 'month');
  const fill = useMemo(() => new Map((occupancy.data?.days ?? []).map((d) => [d.date, d])), [occupancy.data]);
  const query = view === 'month' ? occupancy : appointments;

  const all = appointments.data ?? [];
  const shown = showCancelled ? all : all.filter((a) => a.status !== 'CANCELLED');
  // The panel shows the latest copy (a reload after a change brings a new version).
  const selected = all.find((a) => a.id === selectedId) ?? null;
  const booked = all.filter((a) => a.status === 'BOOKED').length;

  const change = (next: { date?: string; view?: BoardView }) =>
    setParams(
      (current) => {
        const p = new URLSearchParams(current);
        p.set('date', next.date ?? date);
        p.set('view', next.view ?? view);
        return p;
      },
      { replace: true },
    );

  const canChange = hasAnyRole(user, CHANGE_APPOINTMENT_ROLES);
  const canBook = hasAnyRole(user, BOOKING_ROLES);

  return (
    <>
      {canChange && (
        <BookingsToMove
          zone={zone}
          onMove={(booking) => {
            change({ date: booking.date, view: 'day' });
            setSelectedId(booking.id);
          }}
        />
      )}
      <Card withBorder radius="md" padding="lg">
        <BoardToolbar
          date={date}
          view={view}
          zone={zone}
          today={today}
          showCancelled={showCancelled}
          onShowCancelled={setShowCancelled}
          onChange={change}
          loading={query.isFetching}
        />
        {query.isError && (
          <QueryError
            error={query.error}
            onRetry={() => query.refetch()}
            title={view === 'month' ? 'Could not load how full each day is' : 'Could not load appointments'}
          />
        )}
        {query.isPending ? (
          <CenteredLoader label={view === 'month' ? 'Loading the month' : 'Loading appointments'} />
        ) : (
          <>
            <ChairBoard
              date={date}
              view={view}
              zone={zone}
              chairs={chairs}
              openingHours={openingHours}
              closures={closures}
              appointments={shown}
              occupancy={fill}
              onSelect={setSelectedId}
              onBookSlot={
                canBook
                  ? (slot) => navigate(`/booking?${new URLSearchParams({ chair: slot.chairId, at: slot.startsAt })}`)
                  : undefined
              }
              onMove={canChange ? setPendingMove : undefined}
              onOpenDay={(day) => change({ date: day, view: 'day' })}
            />
            <Group justify="space-between" mt="sm">
              <Text size="sm" c="dimmed" aria-live="polite">
                {view === 'month'
                  ? 'Booked chair-minutes against open chair-minutes (chairs and rooms; beds aside) each day.'
                  : `${booked === 0 ? 'Nothing booked' : `${booked} session${booked === 1 ? '' : 's'} booked`}${view === 'day' ? ' on this day' : ' this week'}`}
              </Text>
              <Text size="sm" c="dimmed">
                {view === 'month'
                  ? 'Select a day to open it.'
                  : boardHint(canChange, canBook, hasAnyRole(user, NO_SHOW_ROLES))}
              </Text>
            </Group>
          </>
        )}
      </Card>
      <AppointmentPanel
        appointment={selected}
        zone={zone}
        canChange={canChange}
        canMarkNoShow={hasAnyRole(user, NO_SHOW_ROLES)}
        onClose={() => setSelectedId(null)}
      />
      <MoveConfirm move={pendingMove} zone={zone} onDone={() => setPendingMove(null)} />
    </>
  );
}

/** Says what selecting an appointment lets this user do, so nobody is offered what they cannot. */
function boardHint(canChange: boolean, canBook: boolean, canMarkNoShow: boolean): string {
  const book = canBook ? 'Click a free slot to book there. ' : '';
  if (canChange)
    return `${book}Drag a session to move it, or select it to move or cancel it before it starts, or to mark a no-show once it has started.`;
  if (canBook) return `${book}Select an appointment to see its details.`;
  if (canMarkNoShow) return 'Select an appointment to see its details, or to mark a no-show once it has started.';
  return 'Select an appointment to see its details.';
}
