import { Button, Checkbox, Divider, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { ROLES } from '@cadence/domain';
import { useState } from 'react';
import type { Role, StaffUser } from '../../../api/types';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { apiErrorsOnForm, focusFirstError } from '../../../shared/forms';
import { ROLE_DUTIES, ROLE_LABELS } from '../../auth/roles';
import { useResetStaffPassword, useUpdateStaffUser } from '../hooks/useStaff';
import { MIN_PASSWORD_LENGTH } from './CreateStaffUserForm';

const LABELS: Record<string, string> = { displayName: 'Name', roles: 'Roles', password: 'New password' };

interface EditStaffUserModalProps {
  user: StaffUser | null;
  isSelf: boolean;
  onClose: () => void;
}

/** A staff account's name and roles, and a new password set by the admin. */
export function EditStaffUserModal({ user, isSelf, onClose }: EditStaffUserModalProps) {
  return (
    <Modal opened={user !== null} onClose={onClose} title={user ? `Edit ${user.displayName}` : ''} centered size="md">
      {user && (
        <Stack gap="lg">
          <Text size="sm" c="dimmed">
            {user.email}
          </Text>
          <AccountForm key={`account-${user.id}`} user={user} isSelf={isSelf} onSaved={onClose} />
          <Divider />
          <PasswordForm key={`password-${user.id}`} user={user} />
        </Stack>
      )}
    </Modal>
  );
}

function AccountForm({ user, isSelf, onSaved }: { user: StaffUser; isSelf: boolean; onSaved: () => void }) {
  const update = useUpdateStaffUser();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm({
    initialValues: { displayName: user.displayName, roles: [...user.roles] as Role[] },
    validate: {
      displayName: (value) =>
        !value.trim() ? 'Name is required' : value.trim().length > 100 ? 'Use at most 100 characters' : null,
      roles: (value) =>
        value.length === 0
          ? 'Choose at least one role'
          : isSelf && !value.includes('ADMIN')
            ? 'You cannot remove your own admin role'
            : null,
    },
  });
  const submit = form.onSubmit(
    (values) => {
      setFormErrors([]);
      const body: { id: string; displayName?: string; roles?: Role[] } = { id: user.id };
      if (values.displayName.trim() !== user.displayName) body.displayName = values.displayName.trim();
      const sameRoles = values.roles.length === user.roles.length && values.roles.every((r) => user.roles.includes(r));
      if (!sameRoles) body.roles = ROLES.filter((role) => values.roles.includes(role));
      if (!body.displayName && !body.roles) {
        onSaved();
        return;
      }
      update.mutate(body, {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', title: 'Account saved', message: saved.displayName });
          onSaved();
        },
        onError: (error) =>
          setFormErrors(apiErrorsOnForm(form, error, (path) => path === 'displayName' || path === 'roles', LABELS)),
      });
    },
    (errors) => focusFirstError(form, errors),
  );
  return (
    <form onSubmit={submit} noValidate aria-label="Account">
      <Stack gap="md">
        <FormErrorAlert messages={formErrors} title="The account was not saved" />
        <TextInput label="Name" autoComplete="off" {...form.getInputProps('displayName')} />
        <Checkbox.Group label="Roles" {...form.getInputProps('roles')}>
          <Stack gap="xs" mt="xs">
            {ROLES.map((role) => (
              <Checkbox key={role} value={role} label={ROLE_LABELS[role]} description={ROLE_DUTIES[role]} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending}>
            Save account
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function PasswordForm({ user }: { user: StaffUser }) {
  const reset = useResetStaffPassword();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm({
    initialValues: { password: '' },
    validate: {
      password: (value) =>
        value.length >= MIN_PASSWORD_LENGTH && value.length <= 256
          ? null
          : `Use ${MIN_PASSWORD_LENGTH} to 256 characters`,
    },
  });
  const submit = form.onSubmit((values) => {
    setFormErrors([]);
    reset.mutate(
      { id: user.id, password: values.password },
      {
        onSuccess: () => {
          form.reset();
          notifications.show({
            color: 'teal',
            title: 'Password reset',
            message: `${user.displayName} was signed out everywhere and signs in with the new password.`,
          });
        },
        onError: (error) => setFormErrors(apiErrorsOnForm(form, error, (path) => path === 'password', LABELS)),
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Reset password">
      <Stack gap="md">
        <FormErrorAlert messages={formErrors} title="The password was not reset" />
        <PasswordInput
          label="New password"
          description={`${MIN_PASSWORD_LENGTH} to 256 characters. Signs the account out everywhere; share it securely.`}
          autoComplete="new-password"
          {...form.getInputProps('password')}
        />
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={reset.isPending}>
            Reset password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
