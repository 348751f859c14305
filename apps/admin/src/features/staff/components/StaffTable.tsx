import { Badge, Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import type { StaffUser } from '../../../api/types';
import { useClinicClock } from '../../clinic/hooks/useClinicClock';
import { formatClinicDate } from '../../clinic/time';
import { ROLE_LABELS } from '../../auth/roles';

interface StaffTableProps {
  users: StaffUser[];
  currentUserId: string;
  onDeactivate: (user: StaffUser) => void;
}

export function StaffTable({ users, currentUserId, onDeactivate }: StaffTableProps) {
  const { zone } = useClinicClock();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="Staff">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Roles</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Added</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <Table.Tr key={user.id} c={user.active ? undefined : 'dimmed'}>
              <Table.Td fw={600}>{user.displayName}</Table.Td>
              <Table.Td>{user.email}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {user.roles.map((role) => (
                    <Badge key={role} variant="light" size="sm">
                      {ROLE_LABELS[role]}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                {user.active ? (
                  <Badge color="teal" variant="dot">
                    Active
                  </Badge>
                ) : (
                  <Badge color="gray" variant="dot">
                    Deactivated
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{formatClinicDate(user.createdAt, zone)}</Table.Td>
              <Table.Td ta="right">
                {user.active && user.id !== currentUserId ? (
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => onDeactivate(user)}
                    aria-label={`Deactivate ${user.displayName}`}
                  >
                    Deactivate
                  </Button>
                ) : (
                  user.id === currentUserId && (
                    <Text size="xs" c="dimmed">
                      You
                    </Text>
                  )
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
