import { Anchor, Button, Card, Group, Skeleton, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate } from '../../../shared/dates';
import { useClinicClock } from '../../clinic/hooks/useClinicClock';
import { formatClinicDateTime } from '../../clinic/time';
import { QueryError } from '../../../shared/QueryError';
import { usePatientScreenings } from '../hooks/useScreenings';
import { KIND_LABELS } from '../labels';
import { screeningStanding } from '@cadence/domain';
import { ScreeningFlags, StandingBadge } from './ScreeningBadges';

/** A patient's screenings, newest first, for nurses and clinicians; "New screening" starts one. */
export function PatientScreenings({ patientId, canRecord }: { patientId: string; canRecord: boolean }) {
  const { zone } = useClinicClock();
  const screenings = usePatientScreenings(patientId);
  const items = [...(screenings.data?.items ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="screenings-title">
      <Group justify="space-between" mb="md">
        <Title order={2} size="h4" id="screenings-title">
          Screenings
        </Title>
        {canRecord && (
          <Button component={Link} to={`/patients/${patientId}/screenings/new`} variant="light">
            New screening
          </Button>
        )}
      </Group>
      {screenings.isPending && <Skeleton height={80} radius="sm" />}
      {screenings.isError && (
        <QueryError error={screenings.error} onRetry={() => screenings.refetch()} title="Could not load screenings" />
      )}
      {screenings.data && items.length === 0 && <Text c="dimmed">No screenings recorded yet.</Text>}
      {items.length > 0 && (
        <Table verticalSpacing="sm" aria-label="Screenings" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Checklist</Table.Th>
              <Table.Th>Standing</Table.Th>
              <Table.Th>Recorded and decided</Table.Th>
              <Table.Th>Valid until</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/screenings/${s.id}`} fw={500}>
                    {KIND_LABELS[s.kind]}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    version {s.templateVersion}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="wrap">
                    <StandingBadge screening={s} size="sm" />
                    {s.suicidalityFlag && <ScreeningFlags suicidalityFlag />}
                  </Group>
                  {screeningStanding(s).detail && (
                    <Text size="xs" c="dimmed">
                      {screeningStanding(s).detail}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {s.recordedBy.name}, {formatClinicDateTime(s.createdAt, zone)}
                  {s.decidedBy && (
                    <Text size="xs" c="dimmed">
                      {s.status === 'DECLINED' ? 'Declined' : 'Signed'} by {s.decidedBy.name},{' '}
                      {formatClinicDateTime(s.signedAt, zone)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{formatDate(s.validUntil)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
