import { Anchor, Box, Card, Group, Text } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import { useClinicClock } from '../features/clinic/hooks/useClinicClock';
import { formatClinicTimeRange } from '../features/clinic/time';
import { CheckInForm } from '../features/infusion/components/CheckInForm';
import { ClinicianRechecks } from '../features/infusion/components/ClinicianRechecks';
import { SessionStateBadge } from '../features/infusion/components/SessionBadges';
import { useCheckIn, useToday } from '../features/infusion/hooks/useInfusion';
import { CenteredLoader } from '../shared/CenteredLoader';
import { PageHeader } from '../shared/PageHeader';
import { QueryError } from '../shared/QueryError';

/** Check-in of one of today's expected appointments; the session screen takes over after it. */
export function CheckInPage() {
  const { appointmentId = '' } = useParams();
  const navigate = useNavigate();
  const { zone, today } = useClinicClock();
  const list = useToday();
  const checkIn = useCheckIn(appointmentId);
  const back = (
    <Anchor component={Link} to="/today" size="sm">
      ← Today
    </Anchor>
  );

  if (list.isPending) return <CenteredLoader label="Loading today's sessions" />;
  if (list.isError) {
    return (
      <>
        <PageHeader above={back} title="Check-in" />
        <QueryError error={list.error} onRetry={() => list.refetch()} title="Could not load today's sessions" />
      </>
    );
  }
  const item = list.data.items.find((i) => i.appointmentId === appointmentId);
  if (!item) {
    return (
      <>
        <PageHeader above={back} title="Check-in" />
        <Card withBorder padding="lg">
          <Text>This appointment is not on today&apos;s list: only today&apos;s appointments are checked in.</Text>
        </Card>
      </>
    );
  }
  if (item.state !== 'EXPECTED') {
    return (
      <>
        <PageHeader above={back} title={`Check-in · ${item.patientName}`} />
        <Card withBorder padding="lg">
          <Group gap="sm">
            <SessionStateBadge state={item.state} />
            {item.sessionId ? (
              <Anchor component={Link} to={`/sessions/${item.sessionId}`}>
                Open the session
              </Anchor>
            ) : (
              <Text>Only an expected patient is checked in.</Text>
            )}
          </Group>
        </Card>
      </>
    );
  }

  return (
    <>
      <PageHeader
        above={back}
        title={`Check-in · ${item.patientName}`}
        description={`MRN ${item.mrn} · ${item.chairName ?? 'No chair'} · ${formatClinicTimeRange(
          item.startsAt,
          item.endsAt,
          zone,
        )} · ${item.protocolName}, session ${item.sessionNumber} of ${item.sessionCount}`}
      />
      {item.rechecks.length > 0 && (
        <Box mb="md">
          <ClinicianRechecks rechecks={item.rechecks} />
        </Box>
      )}
      <Card withBorder radius="md" padding="lg">
        <CheckInForm
          zone={zone}
          today={today}
          saving={checkIn.isPending}
          onCheckIn={(body) => checkIn.mutateAsync(body)}
          onCheckedIn={(session) => navigate(`/sessions/${session.id}`, { replace: true })}
        />
      </Card>
    </>
  );
}
