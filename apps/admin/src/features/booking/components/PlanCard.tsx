import './planCard.css';
import { Badge, Group, Radio, Stack, Text } from '@mantine/core';
import { formatClinicDate, formatClinicTimeRange } from '../../clinic/time';
import type { CourseOption, CoursePlanOption } from '../api/booking.api';
import { SessionsTable } from './SessionsTable';

interface PlanCardProps {
  /** A course option with its reasons, or a plain plan (a same-day move), ranked earliest first. */
  plan: CoursePlanOption & Partial<Pick<CourseOption, 'reasons' | 'timeOfDay'>>;
  rank: number;
  zone: string;
  value: string;
  /** For part of a course (a re-plan): the session numbers of the plan's sessions and the course's count. */
  numbering?: { numbers: number[]; of: number };
}

type ReasonCode = CourseOption['reasons'][number]['code'];

/** Short badge words for each reason the API gives; its message is the badge's title. */
function reasonLabel(code: ReasonCode, timeOfDay: CourseOption['timeOfDay'] | undefined): string {
  switch (code) {
    case 'EARLIEST':
      return 'Earliest';
    case 'EARLIEST_MORNING':
      return 'Earliest morning';
    case 'EARLIEST_AFTERNOON':
      return 'Earliest afternoon';
    case 'PREFERRED_CHAIR':
      return 'Chair asked for';
    case 'SAME_CHAIR':
      return 'Same chair';
    case 'SAME_TIME':
      return 'Same time';
    case 'SAME_TIME_OF_DAY':
      return timeOfDay === 'MORNING' ? 'Mornings' : 'Afternoons';
    case 'PREFERRED_WEEKDAYS':
      return 'Weekdays asked for';
  }
}

/** One offered course plan: why it is offered, and every session's clinic-local date, time and chair. */
export function PlanCard({ plan, rank, zone, value, numbering }: PlanCardProps) {
  const first = plan.sessions[0];
  const reasons: { code: ReasonCode; message: string }[] = plan.reasons ?? [
    ...(rank === 1 ? [{ code: 'EARLIEST' as const, message: 'The earliest start offered' }] : []),
    ...(plan.sameChair ? [{ code: 'SAME_CHAIR' as const, message: 'Every session in the same chair' }] : []),
    ...(plan.sameTime ? [{ code: 'SAME_TIME' as const, message: 'Every session at the same time' }] : []),
  ];
  const last = plan.sessions[plan.sessions.length - 1];
  return (
    <Radio.Card
      value={value}
      radius="md"
      p="md"
      className="plan-card"
      data-testid="plan-option"
      aria-label={`Option ${rank}`}
    >
      <Group align="flex-start" wrap="nowrap" gap="md">
        <Radio.Indicator mt={4} />
        <Stack gap="xs" style={{ flex: 1 }}>
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Group gap="xs">
              <Text fw={650}>Option {rank}</Text>
              {reasons
                // A single session is trivially in one chair at one time.
                .filter((r) => plan.sessions.length > 1 || (r.code !== 'SAME_CHAIR' && r.code !== 'SAME_TIME'))
                .map((r) => (
                  <Badge
                    key={r.code}
                    variant={r.code.startsWith('EARLIEST') ? 'filled' : 'light'}
                    color={
                      r.code.startsWith('EARLIEST') ? 'cadence' : r.code.startsWith('PREFERRED') ? 'grape' : 'teal'
                    }
                    title={r.message}
                    data-testid="option-reason"
                  >
                    {reasonLabel(r.code, plan.timeOfDay)}
                  </Badge>
                ))}
            </Group>
            {first && last && (
              <Text size="sm" c="dimmed">
                {plan.sessions.length === 1
                  ? formatClinicDate(first.startsAt, zone)
                  : `${formatClinicDate(first.startsAt, zone)} → ${formatClinicDate(last.startsAt, zone)}`}
              </Text>
            )}
          </Group>
          {plan.sessions.length === 1 && first ? (
            <Text fw={500}>
              {formatClinicTimeRange(first.startsAt, first.endsAt, zone)} · {first.chairName}
            </Text>
          ) : (
            <SessionsTable
              sessions={plan.sessions}
              zone={zone}
              label={`Sessions of option ${rank}`}
              compact
              numbering={numbering}
            />
          )}
        </Stack>
      </Group>
    </Radio.Card>
  );
}
