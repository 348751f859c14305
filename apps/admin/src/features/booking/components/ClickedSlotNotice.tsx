import { Alert, Button, Group, Text } from '@mantine/core';
import { DateTime } from 'luxon';
import type { CourseOptionsRequest, CoursePlanOption } from '../api/booking.api';
import { slotVerdict, type ClickedSlot } from '../clickedSlot';

const slotText = (slot: ClickedSlot, zone: string) =>
  `${slot.chairName}, ${DateTime.fromISO(slot.startsAt, { zone }).toFormat('cccc d LLLL')} at ${DateTime.fromISO(slot.startsAt, { zone }).toFormat('HH:mm')}`;

/** Says the booking started from a slot on the chair board, and lets the desk search without it. */
export function ClickedSlotNotice({ slot, zone, onForget }: { slot: ClickedSlot; zone: string; onForget: () => void }) {
  return (
    <Alert color="cadence" variant="light" mb="lg" data-testid="clicked-slot">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm">
          Booking from the chair board: the first session at <b>{slotText(slot, zone)}</b>.
        </Text>
        <Button size="xs" variant="subtle" onClick={onForget}>
          Search without this slot
        </Button>
      </Group>
    </Alert>
  );
}

/** Whether the clicked slot is among the options, and why not when it is not. */
export function ClickedSlotVerdict(props: {
  slot: ClickedSlot;
  request: CourseOptionsRequest;
  plans: readonly CoursePlanOption[];
  zone: string;
  protocolNeedsBed: boolean;
}) {
  const verdict = slotVerdict(props.slot, props.request, props.plans, props.zone, props.protocolNeedsBed);
  return verdict.offered ? (
    <Alert color="green" variant="light" data-testid="clicked-slot-verdict" title="The clicked slot is offered">
      Option {verdict.rank} starts at {slotText(props.slot, props.zone)}.
    </Alert>
  ) : (
    <Alert color="yellow" variant="light" data-testid="clicked-slot-verdict" title="The clicked slot is not offered">
      {verdict.reason}
    </Alert>
  );
}
