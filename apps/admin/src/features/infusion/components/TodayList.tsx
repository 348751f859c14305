import './today.css';
import { Badge, Card, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { RECHECK_LABELS, type SessionState } from '@cadence/domain';
import { useNavigate } from 'react-router';
import { formatClinicTimeRange } from '../../clinic/time';
import type { TodayItem } from '../api/infusion.api';
import { byChair, todayTarget } from '../today';
import { OverdueMarks, SessionStateBadge } from './SessionBadges';

function Signatures({ item }: { item: TodayItem }) {
  if (item.coSigned)
    return (
      <Badge color="green" variant="light">
        Co-signed
      </Badge>
    );
  if (item.nurseSigned)
    return (
      <Badge color="yellow" variant="light">
        Nurse signed · co-sign due
      </Badge>
    );
  if (item.state === 'DISCHARGED')
    return (
      <Badge color="orange" variant="light">
        Not signed
      </Badge>
    );
  return null;
}

/** The day's appointments by chair and time (the API's order), each opening what comes next. */
export function TodayList({ items, zone }: { items: readonly TodayItem[]; zone: string }) {
  const navigate = useNavigate();
  return (
    <Stack gap="md">
      {byChair(items).map((group) => (
        <Card key={group.chair} withBorder radius="md" padding="sm" component="section" aria-label={group.chair}>
          <Text fw={650} size="lg" mb="xs" c="cadence.9">
            {group.chair}
          </Text>
          <Stack gap={6}>
            {group.items.map((item) => {
              const target = todayTarget(item);
              const body = (
                <Group justify="space-between" align="center" wrap="wrap" gap="sm">
                  <Group gap="md" wrap="nowrap" align="center">
                    <Text fw={650} size="lg" w={120} style={{ flexShrink: 0, whiteSpace: 'nowrap' }}>
                      {formatClinicTimeRange(item.startsAt, item.endsAt, zone)}
                    </Text>
                    <div>
                      <Text fw={600}>
                        {item.patientName}{' '}
                        <Text span c="dimmed" size="sm">
                          MRN {item.mrn}
                        </Text>
                      </Text>
                      <Text size="sm" c="dimmed">
                        {item.protocolName} · session {item.sessionNumber} of {item.sessionCount}
                      </Text>
                    </div>
                  </Group>
                  <Group gap={6} wrap="wrap" justify="flex-end">
                    <SessionStateBadge state={item.state as SessionState} size="lg" />
                    <OverdueMarks overdue={item.overdue} />
                    {item.rechecks.length > 0 && (
                      <Badge color="orange" variant="light">
                        Recheck: {item.rechecks.map((r) => RECHECK_LABELS[r.check].toLowerCase()).join(', ')}
                      </Badge>
                    )}
                    {item.draftAdverseEvents > 0 && (
                      <Badge color="orange" variant="filled">
                        {item.draftAdverseEvents} adverse event{item.draftAdverseEvents === 1 ? '' : 's'} to confirm
                      </Badge>
                    )}
                    <Signatures item={item} />
                  </Group>
                </Group>
              );
              return target ? (
                <UnstyledButton
                  key={item.appointmentId}
                  className="today-row"
                  onClick={() => navigate(target)}
                  data-testid="today-appointment"
                  aria-label={`${item.patientName}, ${formatClinicTimeRange(item.startsAt, item.endsAt, zone)}: ${
                    item.state === 'EXPECTED' ? 'check in' : 'open the session'
                  }`}
                >
                  {body}
                </UnstyledButton>
              ) : (
                <div key={item.appointmentId} className="today-row" data-testid="today-appointment">
                  {body}
                </div>
              );
            })}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
