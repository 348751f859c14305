import { Alert, List } from '@mantine/core';

interface FormErrorAlertProps {
  messages: string[];
  title?: string;
}

/** Problems that belong to no single field, shown above the form. */
export function FormErrorAlert({ messages, title = 'Not saved' }: FormErrorAlertProps) {
  if (messages.length === 0) return null;
  return (
    <Alert color="red" variant="light" role="alert" title={title}>
      {messages.length === 1 ? (
        messages[0]
      ) : (
        <List size="sm">
          {messages.map((message) => (
            <List.Item key={message}>{message}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
