import './planCard.css';
import { Badge, Group, Radio, Stack, Text } from '@mantine/core';
import { formatClinicDate, formatClinicTimeRange } from '../../clinic/time';
import type { CoursePlanOption } from '../api/booking.api';
import { SessionsTable } from './SessionsTable';

interface PlanCardProps {
  plan: CoursePlanOption;
  rank: number;
  zone: string;
  value: string;
}

/** One ranked course plan: every session's clinic-local date, time and chair. */
export function PlanCard({ plan, rank, zone, value }: PlanCardProps) {
  const first = plan.sessions[0];
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
              {rank === 1 && (
                <Badge variant="filled" color="cadence">
                  Earliest
                </Badge>
              )}
              {plan.sessions.length > 1 && plan.sameChair && (
                <Badge variant="light" color="teal">
                  same chair
                </Badge>
              )}
              {plan.sessions.length > 1 && plan.sameTime && (
                <Badge variant="light" color="indigo">
                  same time
                </Badge>
              )}
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
            <SessionsTable sessions={plan.sessions} zone={zone} label={`Sessions of option ${rank}`} compact />
          )}
        </Stack>
      </Group>
    </Radio.Card>
  );
}
