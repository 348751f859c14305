import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { isApiError } from '../api/problem';

/**
 * A record named in the address does not exist: 404, or 400 when the id is not even well formed
 * (a mistyped or truncated link). Asking again cannot help, so there is no "Try again".
 */
export const isMissingRecord = (error: unknown) => isApiError(error, 404) || isApiError(error, 400);

interface NotFoundPageProps {
  title?: string;
  message?: string;
  /** Where to go instead; the start page by default. */
  to?: string;
  action?: string;
}

export function NotFoundPage({
  title = 'Page not found',
  message = 'The address may be mistyped, or the page has moved.',
  to = '/',
  action = 'Go to your start page',
}: NotFoundPageProps) {
  return (
    <Stack align="flex-start" gap="sm" py="xl" px="lg">
      <Title order={1} size="h2">
        {title}
      </Title>
      <Text c="dimmed">{message}</Text>
      <Button component={Link} to={to} variant="light">
        {action}
      </Button>
    </Stack>
  );
}

/** A patient id in the address that names no patient. */
export function PatientNotFound() {
  return (
    <NotFoundPage
      title="Patient not found"
      message="No patient has this address. The link may be mistyped or incomplete; search for the patient instead."
      to="/patients"
      action="Go to patients"
    />
  );
}
