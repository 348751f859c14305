import { Alert, Button, Table, Text } from '@mantine/core';
import { QueryError } from '../../../shared/QueryError';
import type { BookingToMove } from '../../clinic/api/clinic.api';
import { clinicDateOf, formatClinicSlot } from '../../clinic/time';
import { useBookingsToMove } from '../hooks/useBoard';

const REASON_LABELS: Record<BookingToMove['reasons'][number], string> = {
  CLINIC_CLOSED: 'Clinic closed',
  CHAIR_OUT_OF_SERVICE: 'Chair out of service',
  OVER_NURSE_RATIO: 'Over the nurse ratio',
};

interface BookingsToMoveProps {
  zone: string;
  /** Opens the booking on the board, on its own day. */
  onShow: (booking: { id: string; date: string }) => void;
}

/** The front desk's list of bookings a capacity change left standing: whom to call, and why. */
export function BookingsToMove({ zone, onShow }: BookingsToMoveProps) {
  const bookings = useBookingsToMove();
  if (bookings.isError) {
    return (
      <QueryError error={bookings.error} onRetry={() => bookings.refetch()} title="Could not load bookings to move" />
    );
  }
  const items = bookings.data ?? [];
  if (items.length === 0) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      mb="md"
      title={`Bookings to move (${items.length})`}
      aria-label="Bookings to move"
    >
      <Text size="sm" mb="xs">
        A closure, a retired chair or a change of nurse shifts left these sessions standing. Call the patient, then move
        or cancel the session.
      </Text>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing={4} fz="sm" aria-label="Bookings to move">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Patient</Table.Th>
              <Table.Th>When</Table.Th>
              <Table.Th>Chair</Table.Th>
              <Table.Th>Why</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((b) => (
              <Table.Tr key={b.id}>
                <Table.Td>
                  <Text span fw={600} size="sm">
                    {b.patientName}
                  </Text>{' '}
                  (MRN {b.mrn}), session {b.sessionNumber} of {b.sessionCount}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatClinicSlot(b.startsAt, b.endsAt, zone)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{b.chairName || '—'}</Table.Td>
                <Table.Td>{b.reasons.map((r) => REASON_LABELS[r]).join(', ')}</Table.Td>
                <Table.Td ta="right">
                  <Button
                    size="compact-sm"
                    variant="light"
                    onClick={() => onShow({ id: b.id, date: clinicDateOf(b.startsAt, zone) })}
                  >
                    Show
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Alert>
  );
}
