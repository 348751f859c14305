import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { DateTime } from 'luxon';
import { ApiError, describeError } from '../../../api/problem';
import { formatClinicTime, formatClinicTimeRange } from '../../clinic/time';
import { useReschedule } from '../hooks/useBoard';
import type { PendingMove } from './ChairBoard';

/** "Move Jane Doe's session 2 to Chair 4 at 10:30?" (the day too when the drop changed it). */
export function moveQuestion(move: PendingMove, zone: string): string {
  const a = move.appointment;
  const from = DateTime.fromISO(a.startsAt, { zone });
  const to = DateTime.fromISO(move.startsAt, { zone });
  const day = from.hasSame(to, 'day') ? '' : ` on ${to.toFormat('ccc d LLL')}`;
  return `Move ${a.patientName}’s session ${a.sessionNumber} to ${move.chairName} at ${formatClinicTime(move.startsAt, zone)}${day}?`;
}

/**
 * Asks before a dragged session is moved, then moves it through the same route as the panel
 * (version check, eligibility, capacity, audit). Refused or cancelled, the session goes back.
 */
export function MoveConfirm({ move, zone, onDone }: { move: PendingMove | null; zone: string; onDone: () => void }) {
  const reschedule = useReschedule();
  const keep = () => {
    move?.revert();
    reschedule.reset();
    onDone();
  };
  const confirm = () => {
    if (!move) return;
    const a = move.appointment;
    reschedule.mutate(
      { id: a.id, version: a.version, chairId: move.chairId, startsAt: move.startsAt, endsAt: move.endsAt },
      {
        onSuccess: () => {
          notifications.show({
            color: 'green',
            title: 'Saved',
            message: `Session ${a.sessionNumber} moved to ${formatClinicTimeRange(move.startsAt, move.endsAt, zone)}, ${move.chairName}.`,
          });
          reschedule.reset();
          onDone();
        },
        // The session goes back at once; the dialog stays open with the API's reason.
        onError: () => move.revert(),
      },
    );
  };
  const error = reschedule.error;
  const reasons = error instanceof ApiError ? error.fieldErrors.map((e) => e.message) : [];
  return (
    <Modal opened={!!move} onClose={keep} title="Move this session?" centered>
      {move && (
        <Stack gap="md">
          <Text fw={600} data-testid="move-question">
            {moveQuestion(move, zone)}
          </Text>
          <Text size="sm" c="dimmed">
            {formatClinicTimeRange(move.appointment.startsAt, move.appointment.endsAt, zone)},{' '}
            {move.appointment.chairName ?? 'no chair'} now; the move is checked again against the chairs, the nurses on
            duty and the patient&rsquo;s eligibility.
          </Text>
          {error ? (
            <Alert color="red" variant="light" role="alert" title="Not moved">
              {describeError(error)}
              {reasons.length > 0 && (
                <List size="sm" mt="xs">
                  {reasons.map((r, i) => (
                    <List.Item key={i}>{r}</List.Item>
                  ))}
                </List>
              )}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={keep} disabled={reschedule.isPending}>
              {error ? 'Close' : 'Keep where it was'}
            </Button>
            {!error && (
              <Button onClick={confirm} loading={reschedule.isPending}>
                Move session
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
