import { Alert, Button, Divider, Group, Radio, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ApiError, describeError } from '../../../api/problem';
import { ClinicDateInput } from '../../../shared/ClinicDateInput';
import { formatDate } from '../../../shared/dates';
import { PlanCard } from '../../booking/components/PlanCard';
import { SessionsTable } from '../../booking/components/SessionsTable';
import { clinicDateOf, formatClinicDate } from '../../clinic/time';
import type { BoardAppointment } from '../api/appointments.api';
import { useReplan, useReplanOptions } from '../hooks/useBoard';
import { inClinicDates, refusalReasons } from './OtherDayMove';

interface ReplanCourseProps {
  appointment: BoardAppointment;
  zone: string;
  onBack: () => void;
  onDone: (message: string) => void;
}

/** The days a NOT_ELIGIBLE refusal names, in the clinic's format. */
function ineligibleDays(error: unknown): string[] {
  if (!(error instanceof ApiError) || error.code !== 'NOT_ELIGIBLE') return [];
  const decisions = (error.problem as { eligibility?: { on: string }[] }).eligibility ?? [];
  return decisions.map((d) => formatDate(d.on));
}

/** Why a re-plan was not made, in words the desk can act on; nothing is retried. */
function replanProblem(error: unknown): string {
  const days = ineligibleDays(error);
  if (days.length > 0)
    return `The patient is not eligible for treatment on ${days.join(', ')}; nothing was changed. Choose other days or update the screening.`;
  if (error instanceof ApiError && error.code === 'STALE_VERSION')
    return 'Someone changed these sessions a moment ago; nothing was changed. Search again.';
  if (error instanceof ApiError && error.code === 'SLOT_TAKEN')
    return 'A chair or time of this option was just taken; nothing was changed. Search again.';
  return (refusalReasons(error) ?? [describeError(error)]).join(' ');
}

/**
 * Re-planning a course from this session: the sessions that move (this one and the booked ones
 * after it), the first day to search from, the ranked options with their reasons, then every
 * session moved at once. The rule the options keep is the API's, shown above them.
 */
export function ReplanCourse({ appointment: a, zone, onBack, onDone }: ReplanCourseProps) {
  const [earliest, setEarliest] = useState(() => clinicDateOf(a.startsAt, zone));
  const [choice, setChoice] = useState<string | null>(null);
  const search = useReplanOptions(a.courseId);
  const replan = useReplan();
  const find = () => {
    setChoice(null);
    replan.reset();
    search.mutate({ fromSession: a.sessionNumber, earliest: earliest || undefined, k: 5 });
  };
  // Search once on opening, from the session's own day, so the sessions that move are shown.
  useEffect(find, []);
  const answer = search.data;
  const refused = refusalReasons(search.error);
  const moving = answer?.moving ?? [];
  const numbering = { numbers: moving.map((m) => m.sessionNumber), of: a.sessionCount };
  const chosen = choice === null ? undefined : answer?.plans[Number(choice)];
  const range =
    moving.length > 1
      ? `sessions ${moving[0].sessionNumber}–${moving[moving.length - 1].sessionNumber}`
      : `session ${moving[0]?.sessionNumber ?? a.sessionNumber}`;

  return (
    <Stack gap="sm">
      <Divider label="Re-plan from this session" labelPosition="left" />
      {moving.length > 0 && (
        <>
          <Text size="sm">
            Moving {range} of {a.sessionCount}; the sessions before stay as they are.
          </Text>
          <SessionsTable
            sessions={moving}
            zone={zone}
            label="Sessions being re-planned"
            compact
            numbering={numbering}
          />
        </>
      )}
      <Group align="flex-start" gap="sm" wrap="wrap">
        <ClinicDateInput
          label="Earliest new day"
          value={earliest}
          onChange={(next) => {
            setEarliest(next);
            setChoice(null);
          }}
          error={refused ? refused.join(' ') : undefined}
          style={{ flex: '1 1 200px' }}
        />
        <Button mt={25} variant="light" loading={search.isPending} onClick={find}>
          Find options
        </Button>
      </Group>
      {search.isError && !refused && (
        <Alert color="red" variant="light" role="alert" title="Could not search">
          {describeError(search.error)}
        </Alert>
      )}
      {answer && (
        <>
          <Text size="sm" c="dimmed" data-testid="replan-rule">
            {inClinicDates(answer.rule)}
          </Text>
          {answer.plans.length === 0 ? (
            <Text c="dimmed" size="sm">
              No days from {formatDate(answer.searchFrom)} fit {range}; try another earliest day.
            </Text>
          ) : (
            <Radio.Group value={choice} onChange={setChoice} aria-label="Re-planned sessions">
              <Stack gap="xs">
                {answer.plans.map((plan, i) => (
                  <PlanCard key={i} plan={plan} rank={i + 1} zone={zone} value={String(i)} numbering={numbering} />
                ))}
              </Stack>
            </Radio.Group>
          )}
        </>
      )}
      {replan.error != null && (
        <Alert color="red" variant="light" role="alert" title="Not re-planned">
          {replanProblem(replan.error)}
        </Alert>
      )}
      <Group gap="sm">
        {chosen && (
          <Button
            loading={replan.isPending}
            onClick={() =>
              // The board drops the sessions from this day once it reloads, closing the panel: the
              // confirmation is shown from the finished request, not from the panel.
              replan
                .mutateAsync({
                  courseId: a.courseId,
                  fromSession: a.sessionNumber,
                  sessions: moving.map((m, i) => ({
                    appointmentId: m.appointmentId,
                    version: m.version,
                    chairId: chosen.sessions[i].chairId,
                    startsAt: chosen.sessions[i].startsAt,
                    endsAt: chosen.sessions[i].endsAt,
                  })),
                })
                .then(
                  () =>
                    onDone(
                      `${range.charAt(0).toUpperCase()}${range.slice(1)} re-planned from ${formatClinicDate(chosen.sessions[0].startsAt, zone)}.`,
                    ),
                  // Shown beside the button from the mutation's error.
                  () => undefined,
                )
            }
          >
            Re-plan {range}
          </Button>
        )}
        <Button variant="subtle" color="gray" onClick={onBack}>
          Back
        </Button>
      </Group>
    </Stack>
  );
}
