import { Badge, Code, Group, Table, Text, Tooltip } from '@mantine/core';
import type { AuditEvent } from '../../../api/types';
import { useClinicClock } from '../../clinic/hooks/useClinicClock';
import { formatClinicDateTime } from '../../clinic/time';

const short = (id: string | null) => (id ? `${id.slice(0, 8)}…` : '—');

export function AuditTable({ events }: { events: AuditEvent[] }) {
  const { zone } = useClinicClock();
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table verticalSpacing="xs" striped aria-label="Audit events">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            <Table.Th>Actor</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Entity</Table.Th>
            <Table.Th>Patient</Table.Th>
            <Table.Th>Fields</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <Table.Tr key={event.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatClinicDateTime(event.at, zone)}</Table.Td>
              <Table.Td>{event.actorEmail ?? (event.actorId ? short(event.actorId) : 'system')}</Table.Td>
              <Table.Td>
                <Badge
                  variant="light"
                  color={event.action.toUpperCase().includes('READ') ? 'gray' : 'indigo'}
                  styles={{ root: { overflow: 'visible', flexShrink: 0 }, label: { overflow: 'visible' } }}
                >
                  {event.action}
                </Badge>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">
                  {event.entity}{' '}
                  {event.entityId && (
                    <Tooltip label={event.entityId}>
                      <Code>{short(event.entityId)}</Code>
                    </Tooltip>
                  )}
                </Text>
              </Table.Td>
              <Table.Td>
                {event.patientId ? (
                  <Tooltip label={event.patientId}>
                    <Code>{event.patientMrn ?? short(event.patientId)}</Code>
                  </Tooltip>
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {event.fields.length === 0
                    ? '—'
                    : event.fields.map((field) => (
                        <Code key={field} fz="xs">
                          {field}
                        </Code>
                      ))}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
