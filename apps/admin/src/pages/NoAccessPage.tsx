import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function NoAccessPage() {
  return (
    <Stack align="flex-start" gap="sm" py="xl">
      <Title order={1} size="h2">
        No access
      </Title>
      <Text c="dimmed">Your roles do not include this page. Ask a clinic administrator if you need it.</Text>
      <Button component={Link} to="/" variant="light">
        Go to your start page
      </Button>
    </Stack>
  );
}
