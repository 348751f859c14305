import { Badge, Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import type { StaffUser } from '../../../api/types';
import { useClinicClock } from '../../clinic/hooks/useClinicClock';
import { clinicDateOf } from '../../clinic/time';
import { formatDate } from '../../../shared/dates';
import { ROLE_LABELS } from '../../auth/roles';

interface StaffTableProps {
  users: StaffUser[];
  currentUserId: string;
  onEdit: (user: StaffUser) => void;
  onDeactivate: (user: StaffUser) => void;
  onReactivate: (user: StaffUser) => void;
  /** The account being reactivated, whose button shows it is busy. */
  reactivatingId: string | null;
}

export function StaffTable({
  users,
  currentUserId,
  onEdit,
  onDeactivate,
  onReactivate,
  reactivatingId,
}: StaffTableProps) {
  const { zone } = useClinicClock();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="Staff">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name and email</Table.Th>
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
              <Table.Td>
                <Text fw={600} size="sm">
                  {user.displayName}
                </Text>
                <Text size="xs" c="dimmed">
                  {user.email}
                </Text>
              </Table.Td>
              <Table.Td miw={100}>
                <Group gap={4} wrap="wrap">
                  {user.roles.map((role) => (
                    <Badge key={role} variant="light" size="sm">
                      {ROLE_LABELS[role]}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td miw={100}>
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
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(clinicDateOf(user.createdAt, zone))}</Table.Td>
              <Table.Td ta="right">
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  {user.id === currentUserId && (
                    <Text size="xs" c="dimmed" mr="xs">
                      You
                    </Text>
                  )}
                  <Button
                    size="xs"
                    variant="subtle"
                    onClick={() => onEdit(user)}
                    aria-label={`Edit ${user.displayName}`}
                  >
                    Edit
                  </Button>
                  {user.active && user.id !== currentUserId && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => onDeactivate(user)}
                      aria-label={`Deactivate ${user.displayName}`}
                    >
                      Deactivate
                    </Button>
                  )}
                  {!user.active && (
                    <Button
                      size="xs"
                      variant="light"
                      color="teal"
                      loading={reactivatingId === user.id}
                      onClick={() => onReactivate(user)}
                      aria-label={`Reactivate ${user.displayName}`}
                    >
                      Reactivate
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
