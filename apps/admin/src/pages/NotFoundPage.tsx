import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <Stack align="flex-start" gap="sm" py="xl" px="lg">
      <Title order={1} size="h2">
        Page not found
      </Title>
      <Text c="dimmed">The address may be mistyped, or the page has moved.</Text>
      <Button component={Link} to="/" variant="light">
        Go to your start page
      </Button>
    </Stack>
  );
}
