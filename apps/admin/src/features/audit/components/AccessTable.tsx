import { Table, Text } from '@mantine/core';
import type { AccessGroup } from '../../../api/types';
import { useClinicClock } from '../../clinic/hooks/useClinicClock';
import { accessLine, accessWhen, rolesLabel } from '../labels';

/** The lines of a patient's access report: who, what (repeated reads counted), when, which fields. */
export function AccessTable({ groups }: { groups: AccessGroup[] }) {
  const { zone } = useClinicClock();
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table verticalSpacing="xs" striped aria-label="Access report">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Staff member</Table.Th>
            <Table.Th>What happened</Table.Th>
            <Table.Th>Fields</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups.map((group, index) => (
            <Table.Tr key={`${index}-${group.actorId}-${group.lastAt}`}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{accessWhen(group, zone)}</Table.Td>
              <Table.Td>
                <Text size="sm">{group.actorName}</Text>
                {group.actorRoles.length > 0 && (
                  <Text size="xs" c="dimmed">
                    {rolesLabel(group.actorRoles)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{accessLine(group)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{group.fieldLabels.length === 0 ? '—' : group.fieldLabels.join(', ')}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
