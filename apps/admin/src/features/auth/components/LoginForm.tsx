import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { describeError, isApiError } from '../../../api/problem';
import type { SessionUser } from '../../../api/types';
import { useLogin } from '../hooks/useSession';

interface LoginFormProps {
  onSignedIn: (user: SessionUser) => void;
}

function loginErrorMessage(error: unknown): string {
  if (isApiError(error, 401)) return 'Email or password is incorrect.';
  if (isApiError(error, 429)) {
    const seconds = error.retryAfterSeconds;
    if (seconds === null) return 'Too many attempts. Please wait a few minutes and try again.';
    const minutes = Math.max(1, Math.ceil(seconds / 60));
    return `Too many attempts, try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
  }
  return describeError(error);
}

export function LoginForm({ onSignedIn }: LoginFormProps) {
  const login = useLogin();
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (/^\S+@\S+$/.test(value.trim()) ? null : 'Enter your work email address'),
      password: (value) => (value ? null : 'Enter your password'),
    },
  });

  const submit = form.onSubmit((values) => {
    login.mutate(
      { email: values.email.trim(), password: values.password },
      {
        onSuccess: onSignedIn,
        onError: () => form.setFieldValue('password', ''),
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {login.isError && (
          <Alert color="red" variant="light" role="alert" title="Could not sign in">
            {loginErrorMessage(login.error)}
          </Alert>
        )}
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          autoFocus
          size="md"
          {...form.getInputProps('email')}
        />
        <PasswordInput label="Password" autoComplete="current-password" size="md" {...form.getInputProps('password')} />
        <Button type="submit" size="md" loading={login.isPending} fullWidth mt="xs">
          Log in
        </Button>
      </Stack>
    </form>
  );
}
