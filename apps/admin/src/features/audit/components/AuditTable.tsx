import { Anchor, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { AuditEvent } from '../../../api/types';
import { useClinicClock } from '../../clinic/hooks/useClinicClock';
import { formatClinicDateTime } from '../../clinic/time';
import { rolesLabel } from '../labels';

export function AuditTable({ events }: { events: AuditEvent[] }) {
  const { zone } = useClinicClock();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs" striped aria-label="Audit events">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            <Table.Th>Staff member</Table.Th>
            <Table.Th>What happened</Table.Th>
            <Table.Th>Patient</Table.Th>
            <Table.Th>Fields</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <Table.Tr key={event.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatClinicDateTime(event.at, zone)}</Table.Td>
              <Table.Td>
                <Text size="sm">{event.actorName}</Text>
                {event.actorRoles.length > 0 && (
                  <Text size="xs" c="dimmed">
                    {rolesLabel(event.actorRoles)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{event.summary}</Text>
              </Table.Td>
              <Table.Td>
                {event.patientId && event.patientName ? (
                  <Stack gap={0}>
                    <Anchor
                      component={Link}
                      to={`/audit/patients/${event.patientId}`}
                      size="sm"
                      title="Who has seen or changed this record"
                    >
                      {event.patientName}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      MRN {event.patientMrn}
                    </Text>
                  </Stack>
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{event.fieldLabels.length === 0 ? '—' : event.fieldLabels.join(', ')}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
