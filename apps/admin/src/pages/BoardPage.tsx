import { Card, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { hasAnyRole, useCurrentUser } from '../features/auth/hooks/useSession';
import { AppointmentPanel } from '../features/board/components/AppointmentPanel';
import { BoardToolbar } from '../features/board/components/BoardToolbar';
import { BookingsToMove } from '../features/board/components/BookingsToMove';
import { ChairBoard } from '../features/board/components/ChairBoard';
import { useAppointments } from '../features/board/hooks/useBoard';
import { boardRange, type BoardView } from '../features/board/range';
import { CHANGE_APPOINTMENT_ROLES, NO_SHOW_ROLES } from '../features/booking/roles';
import type { ClinicChair, OpeningWindow } from '../features/clinic/api/clinic.api';
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
      <Board chairs={clinic.data.chairs} openingHours={clinic.data.openingHours} />
    </>
  );
}

interface BoardProps {
  chairs: ClinicChair[];
  openingHours: OpeningWindow[];
}

function Board({ chairs, openingHours }: BoardProps) {
  const user = useCurrentUser();
  const { zone, today } = useClinicClock();
  const [params, setParams] = useSearchParams();
  const rawDate = params.get('date') ?? '';
  const date = isCalendarDate(rawDate) ? rawDate : today;
  const view: BoardView = params.get('view') === 'week' ? 'week' : 'day';
  const [showCancelled, setShowCancelled] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const range = boardRange(date, view, zone);
  const appointments = useAppointments(range.from, range.to);

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
          loading={appointments.isFetching}
        />
        {appointments.isError && (
          <QueryError
            error={appointments.error}
            onRetry={() => appointments.refetch()}
            title="Could not load appointments"
          />
        )}
        {appointments.isPending ? (
          <CenteredLoader label="Loading appointments" />
        ) : (
          <>
            <ChairBoard
              date={date}
              view={view}
              zone={zone}
              chairs={chairs}
              openingHours={openingHours}
              appointments={shown}
              onSelect={setSelectedId}
            />
            <Group justify="space-between" mt="sm">
              <Text size="sm" c="dimmed" aria-live="polite">
                {booked === 0 ? 'Nothing booked' : `${booked} session${booked === 1 ? '' : 's'} booked`}
                {view === 'day' ? ' on this day' : ' this week'}
              </Text>
              <Text size="sm" c="dimmed">
                {boardHint(canChange, hasAnyRole(user, NO_SHOW_ROLES))}
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
    </>
  );
}

/** Says what selecting an appointment lets this user do, so nobody is offered what they cannot. */
function boardHint(canChange: boolean, canMarkNoShow: boolean): string {
  if (canChange)
    return 'Select an appointment to move or cancel it before it starts, or to mark a no-show once it has started.';
  if (canMarkNoShow) return 'Select an appointment to see its details, or to mark a no-show once it has started.';
  return 'Select an appointment to see its details.';
}
