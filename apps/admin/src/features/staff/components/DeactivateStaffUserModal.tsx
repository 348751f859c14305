import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { describeError } from '../../../api/problem';
import type { StaffUser } from '../../../api/types';
import { useDeactivateStaffUser } from '../hooks/useStaff';

interface DeactivateStaffUserModalProps {
  user: StaffUser | null;
  onClose: () => void;
  onDeactivated: (user: StaffUser) => void;
}

export function DeactivateStaffUserModal({ user, onClose, onDeactivated }: DeactivateStaffUserModalProps) {
  const deactivate = useDeactivateStaffUser();
  const close = () => {
    deactivate.reset();
    onClose();
  };
  return (
    <Modal opened={user !== null} onClose={close} title="Deactivate account" centered>
      {user && (
        <Stack gap="md">
          <Text>
            <strong>{user.displayName}</strong> ({user.email}) will be signed out and will no longer be able to sign in.
            Their past actions stay in the audit log.
          </Text>
          {deactivate.isError && (
            <Alert color="red" variant="light" role="alert">
              {describeError(deactivate.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={deactivate.isPending}
              onClick={() =>
                deactivate.mutate(user.id, {
                  onSuccess: (updated) => {
                    deactivate.reset();
                    onDeactivated(updated);
                  },
                })
              }
            >
              Deactivate
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
