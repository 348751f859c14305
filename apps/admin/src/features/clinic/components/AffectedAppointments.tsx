import { Alert, CloseButton, Group, List, Text } from '@mantine/core';
import type { AffectedAppointment } from '../api/clinic.api';
import { formatClinicSlot } from '../time';

/**
 * The bookings a closure or a retired chair left without a chair. The change is saved; these
 * sessions still stand until someone reschedules or cancels them on the chair board. Admins see
 * times and chairs only: patients' names are the front desk's, through an audited route.
 */
export function AffectedAppointments({
  title,
  appointments,
  timezone,
  onClose,
}: {
  title: string;
  appointments: AffectedAppointment[];
  timezone: string;
  onClose: () => void;
}) {
  if (appointments.length === 0) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      mt="md"
      title={
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <span>{title}</span>
          <CloseButton size="sm" aria-label="Dismiss" onClick={onClose} />
        </Group>
      }
      styles={{ label: { width: '100%' } }}
      aria-label={title}
    >
      <Text size="sm" mb="xs">
        These bookings still stand: the front desk sees whom to call under bookings to move, and reschedules or cancels
        them from the chair board.
      </Text>
      <List size="sm" spacing={4}>
        {appointments.map((a) => (
          <List.Item key={a.id}>
            {formatClinicSlot(a.startsAt, a.endsAt, timezone)}, {a.chairName}, session {a.sessionNumber} of{' '}
            {a.sessionCount}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
