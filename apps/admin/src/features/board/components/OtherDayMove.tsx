import { Alert, Button, Divider, Group, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ApiError, describeError } from '../../../api/problem';
import { ClinicDateInput } from '../../../shared/ClinicDateInput';
import { formatDate } from '../../../shared/dates';
import { PlanCard } from '../../booking/components/PlanCard';
import { formatClinicDate, formatClinicTimeRange } from '../../clinic/time';
import type { BoardAppointment } from '../api/appointments.api';
import { useOtherDayOptions, useReschedule } from '../hooks/useBoard';

/** The API's words with its calendar dates (YYYY-MM-DD) written in the clinic's date format. */
export function inClinicDates(text: string): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (date) => formatDate(date));
}

/** The reasons a refused search or move gives, as one sentence per reason (the API's own words). */
export function refusalReasons(error: unknown): string[] | null {
  if (!(error instanceof ApiError) || (error.status !== 409 && error.status !== 400)) return null;
  if (error.code === 'PLAN_INFEASIBLE') return (error.problem.reasons ?? []).map((r) => inClinicDates(r.message));
  if (error.code === 'VALIDATION_FAILED') return error.fieldErrors.map((f) => inClinicDates(f.message));
  return null;
}

/** The pattern keeps the session on its day: the course is re-planned from it instead. */
function keptOnItsDay(error: unknown): boolean {
  return (
    error instanceof ApiError && (error.problem.reasons ?? []).some((r) => r.code?.startsWith('MOVE_BREAKS_') ?? false)
  );
}

interface OtherDayMoveProps {
  appointment: BoardAppointment;
  zone: string;
  onBack: () => void;
  onDone: (message: string) => void;
  /** Opens the re-plan of the course from this session. */
  onReplan: () => void;
}

/**
 * Moving one session to another day: the day typed or picked, the times free that day, then the
 * move. Where the protocol's pattern keeps the session on its day the API says why, shown under
 * the date as it was typed.
 */
export function OtherDayMove({ appointment: a, zone, onBack, onDone, onReplan }: OtherDayMoveProps) {
  const [date, setDate] = useState('');
  const [choice, setChoice] = useState<string | null>(null);
  const search = useOtherDayOptions(a.id);
  const reschedule = useReschedule();
  const refused = refusalReasons(search.error);
  const plans = search.data?.plans ?? [];
  const closed = search.data?.reasons ?? [];
  const chosen = choice === null ? undefined : plans[Number(choice)]?.sessions[0];

  return (
    <Stack gap="sm">
      <Divider label="Move to another day" labelPosition="left" />
      <Text size="sm">
        Where the protocol allows it, session {a.sessionNumber} can move to another day; a session of a course on
        consecutive days keeps its day (re-plan the course from it instead).
      </Text>
      <Group align="flex-start" gap="sm" wrap="wrap">
        <ClinicDateInput
          label="New day"
          value={date}
          onChange={(next) => {
            setDate(next);
            setChoice(null);
            search.reset();
          }}
          error={refused ? refused.join(' ') : undefined}
          style={{ flex: '1 1 200px' }}
          data-autofocus
        />
        <Button
          mt={25}
          variant="light"
          disabled={!date}
          loading={search.isPending}
          onClick={() => {
            setChoice(null);
            reschedule.reset();
            search.mutate(date);
          }}
        >
          Find times
        </Button>
      </Group>
      {search.isError && !refused && (
        <Alert color="red" variant="light" role="alert" title="Could not search">
          {describeError(search.error)}
        </Alert>
      )}
      {search.isSuccess &&
        (plans.length === 0 && closed.length > 0 ? (
          <Alert color="orange" variant="light" title="The clinic is closed that day">
            {closed.map((r) => inClinicDates(r.message)).join(' ')}
          </Alert>
        ) : plans.length === 0 ? (
          <Text c="dimmed" size="sm">
            No chair or time is free on {formatDate(date)}.
          </Text>
        ) : (
          <Radio.Group value={choice} onChange={setChoice} aria-label="New times">
            <Stack gap="xs">
              {plans.map((plan, i) => (
                <PlanCard key={i} plan={plan} rank={i + 1} zone={zone} value={String(i)} />
              ))}
            </Stack>
          </Radio.Group>
        ))}
      {reschedule.error != null && (
        <Alert color="red" variant="light" role="alert" title="Not moved">
          {(refusalReasons(reschedule.error) ?? [describeError(reschedule.error)]).join(' ')}
        </Alert>
      )}
      <Group gap="sm">
        {chosen && (
          <Button
            loading={reschedule.isPending}
            onClick={() =>
              // On another day the session leaves the board's day, which closes the panel: the
              // confirmation is shown from the finished request, not from the panel.
              reschedule
                .mutateAsync({
                  id: a.id,
                  version: a.version,
                  chairId: chosen.chairId,
                  startsAt: chosen.startsAt,
                  endsAt: chosen.endsAt,
                })
                .then(
                  () =>
                    onDone(
                      `Session ${a.sessionNumber} moved to ${formatClinicDate(chosen.startsAt, zone)}, ${formatClinicTimeRange(chosen.startsAt, chosen.endsAt, zone)}, ${chosen.chairName}.`,
                    ),
                  // Shown beside the button from the mutation's error.
                  () => undefined,
                )
            }
          >
            Move session to this day
          </Button>
        )}
        {keptOnItsDay(search.error) && (
          <Button variant="light" onClick={onReplan}>
            Re-plan from session {a.sessionNumber}
          </Button>
        )}
        <Button variant="subtle" color="gray" onClick={onBack}>
          Back
        </Button>
      </Group>
    </Stack>
  );
}
