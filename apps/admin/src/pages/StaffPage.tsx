import { Button, Card, Modal } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { StaffUser } from '../api/types';
import { useCurrentUser } from '../features/auth/hooks/useSession';
import { CreateStaffUserForm } from '../features/staff/components/CreateStaffUserForm';
import { DeactivateStaffUserModal } from '../features/staff/components/DeactivateStaffUserModal';
import { EditStaffUserModal } from '../features/staff/components/EditStaffUserModal';
import { StaffTable } from '../features/staff/components/StaffTable';
import { useReactivateStaffUser, useStaff } from '../features/staff/hooks/useStaff';
import { describeError } from '../api/problem';
import { CenteredLoader } from '../shared/CenteredLoader';
import { PageHeader } from '../shared/PageHeader';
import { QueryError } from '../shared/QueryError';

export function StaffPage() {
  const me = useCurrentUser();
  const staff = useStaff();
  const [creating, { open: openCreate, close: closeCreate }] = useDisclosure(false);
  const [deactivating, setDeactivating] = useState<StaffUser | null>(null);
  const [editing, setEditing] = useState<StaffUser | null>(null);
  const reactivate = useReactivateStaffUser();
  const reactivateUser = (user: StaffUser) =>
    reactivate.mutate(user.id, {
      onSuccess: (saved) =>
        notifications.show({
          color: 'teal',
          title: 'Account reactivated',
          message: `${saved.displayName} can sign in again.`,
        }),
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: `${user.displayName} was not reactivated`,
          message: describeError(error),
        }),
    });

  return (
    <>
      <PageHeader
        title="Staff"
        description="Accounts that can sign in to this clinic, and what each may do."
        actions={
          <Button onClick={openCreate} size="md">
            New staff account
          </Button>
        }
      />
      <Card withBorder radius="md" padding={0}>
        {staff.isPending ? (
          <CenteredLoader label="Loading staff" />
        ) : staff.isError ? (
          <div style={{ padding: 'var(--mantine-spacing-lg)' }}>
            <QueryError error={staff.error} onRetry={() => staff.refetch()} title="Could not load staff" />
          </div>
        ) : (
          <StaffTable
            users={staff.data}
            currentUserId={me.id}
            onEdit={setEditing}
            onDeactivate={setDeactivating}
            onReactivate={reactivateUser}
            reactivatingId={reactivate.isPending ? (reactivate.variables ?? null) : null}
          />
        )}
      </Card>

      <Modal opened={creating} onClose={closeCreate} title="New staff account" centered size="md">
        <CreateStaffUserForm
          onCancel={closeCreate}
          onCreated={(user) => {
            closeCreate();
            notifications.show({
              color: 'teal',
              title: 'Account created',
              message: `${user.displayName} can now sign in.`,
            });
          }}
        />
      </Modal>

      <EditStaffUserModal user={editing} isSelf={editing?.id === me.id} onClose={() => setEditing(null)} />

      <DeactivateStaffUserModal
        user={deactivating}
        onClose={() => setDeactivating(null)}
        onDeactivated={(user) => {
          setDeactivating(null);
          notifications.show({ color: 'gray', title: 'Account deactivated', message: user.displayName });
        }}
      />
    </>
  );
}
