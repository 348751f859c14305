import { Alert, Button, Group, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { describeError } from '../../../api/problem';
import { QueryError } from '../../../shared/QueryError';
import type { BookingToMove } from '../../clinic/api/clinic.api';
import { clinicDateOf, formatClinicSlot } from '../../clinic/time';
import { useBookingsToMove, useCancelAppointment } from '../hooks/useBoard';
import { toMoveWords } from '../to-move';
import { MIN_CANCEL_REASON } from './AppointmentPanel';

interface BookingsToMoveProps {
  zone: string;
  /** Opens the booking on the board, on its own day, to move it. */
  onMove: (booking: { id: string; date: string }) => void;
}

/**
 * The front desk's work queue of bookings a capacity change left standing: whom to call and why,
 * and for each a move (on the board, on its own day) or a cancellation with a reason. A session
 * moved or cancelled leaves the queue when the list reloads.
 */
export function BookingsToMove({ zone, onMove }: BookingsToMoveProps) {
  const bookings = useBookingsToMove();
  const [cancelling, setCancelling] = useState<BookingToMove | null>(null);
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
                <Table.Td>{toMoveWords(b.reasons)}</Table.Td>
                <Table.Td>
                  <Group gap={6} justify="flex-end">
                    <Button
                      size="compact-sm"
                      variant="light"
                      aria-label={`Move session ${b.sessionNumber} of ${b.patientName}`}
                      onClick={() => onMove({ id: b.id, date: clinicDateOf(b.startsAt, zone) })}
                    >
                      Move
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="light"
                      color="red"
                      aria-label={`Cancel session ${b.sessionNumber} of ${b.patientName}`}
                      onClick={() => setCancelling(b)}
                    >
                      Cancel
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <CancelBooking booking={cancelling} zone={zone} onClose={() => setCancelling(null)} />
    </Alert>
  );
}

/** Cancels one queued session with a reason, at the version the queue read. */
function CancelBooking({
  booking,
  zone,
  onClose,
}: {
  booking: BookingToMove | null;
  zone: string;
  onClose: () => void;
}) {
  const cancel = useCancelAppointment();
  const [reason, setReason] = useState('');
  const reasonMissing = reason.trim().length < MIN_CANCEL_REASON;
  const close = () => {
    setReason('');
    cancel.reset();
    onClose();
  };
  return (
    <Modal opened={!!booking} onClose={close} title="Cancel this session" centered>
      {booking && (
        <Stack gap="sm">
          <Text size="sm">
            <Text span fw={600} size="sm">
              {booking.patientName}
            </Text>
            , session {booking.sessionNumber} of {booking.sessionCount},{' '}
            {formatClinicSlot(booking.startsAt, booking.endsAt, zone)}, {booking.chairName || 'no chair'}. The other
            sessions of the course stay booked.
          </Text>
          <Textarea
            label="Reason"
            description="Kept on the record."
            required
            autosize
            minRows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-autofocus
          />
          {cancel.error != null && (
            <Alert color="red" variant="light" role="alert" title="Not cancelled">
              {describeError(cancel.error)}
            </Alert>
          )}
          {reasonMissing && (
            <Text size="sm" c="dimmed">
              Write a reason (at least {MIN_CANCEL_REASON} characters) to cancel.
            </Text>
          )}
          <Group>
            <Button
              color="red"
              disabled={reasonMissing}
              loading={cancel.isPending}
              onClick={() =>
                cancel.mutate(
                  { id: booking.id, version: booking.version, reason: reason.trim() },
                  {
                    onSuccess: () => {
                      notifications.show({
                        color: 'green',
                        title: 'Saved',
                        message: `Session ${booking.sessionNumber} for ${booking.patientName} cancelled.`,
                      });
                      close();
                    },
                  },
                )
              }
            >
              Cancel session
            </Button>
            <Button variant="subtle" color="gray" onClick={close}>
              Keep it
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
