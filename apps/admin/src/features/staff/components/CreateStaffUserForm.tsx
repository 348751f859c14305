import { Button, Checkbox, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ROLES } from '@cadence/domain';
import { useState } from 'react';
import { describeError, isApiError } from '../../../api/problem';
import type { Role, StaffUser } from '../../../api/types';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { applyApiFieldErrors, focusFirstError } from '../../../shared/forms';
import { ROLE_DUTIES, ROLE_LABELS } from '../../auth/roles';
import { useCreateStaffUser } from '../hooks/useStaff';

export const MIN_PASSWORD_LENGTH = 12;
const FIELD_LABELS: Record<string, string> = {
  displayName: 'Name',
  email: 'Email',
  password: 'Password',
  roles: 'Roles',
};
const FIELDS = new Set(Object.keys(FIELD_LABELS));

interface CreateStaffUserFormProps {
  onCreated: (user: StaffUser) => void;
  onCancel: () => void;
}

export function CreateStaffUserForm({ onCreated, onCancel }: CreateStaffUserFormProps) {
  const createUser = useCreateStaffUser();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm({
    initialValues: { displayName: '', email: '', password: '', roles: [] as Role[] },
    validate: {
      displayName: (value) =>
        !value.trim() ? 'Name is required' : value.trim().length > 100 ? 'Use at most 100 characters' : null,
      email: (value) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? null : 'Enter a valid email address'),
      password: (value) =>
        value.length >= MIN_PASSWORD_LENGTH && value.length <= 256
          ? null
          : `Use at least ${MIN_PASSWORD_LENGTH} characters`,
      roles: (value) => (value.length > 0 ? null : 'Choose at least one role'),
    },
  });

  const submit = form.onSubmit(
    (values) => {
      setFormErrors([]);
      createUser.mutate(
        { ...values, displayName: values.displayName.trim(), email: values.email.trim().toLowerCase() },
        {
          onSuccess: onCreated,
          onError: (error) => {
            const unplaced = applyApiFieldErrors(form, error, (path) => FIELDS.has(path), FIELD_LABELS);
            const placedAny = isApiError(error) && error.fieldErrors.length > unplaced.length;
            if (unplaced.length > 0) setFormErrors(unplaced);
            else if (!placedAny) setFormErrors([describeError(error)]);
          },
        },
      );
    },
    (errors) => focusFirstError(form, errors),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormErrorAlert messages={formErrors} title="The account was not created" />
        <TextInput
          label="Name"
          required
          withAsterisk={false}
          autoComplete="off"
          data-autofocus
          {...form.getInputProps('displayName')}
        />
        <TextInput
          label="Email"
          type="email"
          required
          withAsterisk={false}
          autoComplete="off"
          {...form.getInputProps('email')}
        />
        <PasswordInput
          label="Initial password"
          description={`At least ${MIN_PASSWORD_LENGTH} characters. Share it securely.`}
          required
          withAsterisk={false}
          autoComplete="new-password"
          {...form.getInputProps('password')}
        />
        {/* Four roles: checkboxes show every choice at once and take one click each. */}
        <Checkbox.Group label="Roles" required withAsterisk={false} {...form.getInputProps('roles')}>
          <Stack gap="xs" mt="xs">
            {ROLES.map((role) => (
              <Checkbox key={role} value={role} label={ROLE_LABELS[role]} description={ROLE_DUTIES[role]} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={createUser.isPending}>
            Create account
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
