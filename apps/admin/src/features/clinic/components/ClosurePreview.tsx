import { Alert, Button, Group, List, Text } from '@mantine/core';
import type { AffectedAppointment } from '../api/clinic.api';
import { formatClinicSlot } from '../time';
import { bookedSessions } from './Section';

/**
 * The bookings a closure would strand, shown before it is saved so the admin closes over booked
 * days knowingly. Times and chairs only: the front desk sees whom to call once it is saved.
 */
export function ClosurePreview({
  reason,
  appointments,
  timezone,
  saving,
  onConfirm,
  onBack,
}: {
  reason: string;
  appointments: AffectedAppointment[];
  timezone: string;
  saving: boolean;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const n = appointments.length;
  const title = `“${reason}” falls on ${bookedSessions(n)}`;
  return (
    <Alert color="orange" variant="light" mt="md" title={title}>
      <Text size="sm" mb="xs">
        Nothing is saved yet. If you close, {n === 1 ? 'this booking stays' : 'these bookings stay'} booked and the
        front desk moves or cancels {n === 1 ? 'it' : 'them'} from the bookings to move on the chair board.
      </Text>
      <List size="sm" spacing={4} mb="sm">
        {appointments.map((a) => (
          <List.Item key={a.id}>
            {formatClinicSlot(a.startsAt, a.endsAt, timezone)}, {a.chairName || 'no chair'}, session {a.sessionNumber}{' '}
            of {a.sessionCount}
          </List.Item>
        ))}
      </List>
      <Group gap="sm">
        <Button color="orange" onClick={onConfirm} loading={saving}>
          Close and leave {n === 1 ? '1 booking' : `${n} bookings`} to move
        </Button>
        <Button variant="subtle" color="gray" onClick={onBack} disabled={saving}>
          Back
        </Button>
      </Group>
    </Alert>
  );
}
