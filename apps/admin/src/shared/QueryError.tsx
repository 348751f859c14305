import { Alert, Button, Group, Text } from '@mantine/core';
import { describeError } from '../api/problem';

interface QueryErrorProps {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}

/** A failed load, said plainly, with a way to try again. */
export function QueryError({ error, onRetry, title = 'Could not load this page' }: QueryErrorProps) {
  return (
    <Alert color="red" variant="light" role="alert" title={title}>
      <Group justify="space-between" align="center">
        <Text size="sm">{describeError(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Group>
    </Alert>
  );
}
