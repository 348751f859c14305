import { Alert, Button, CopyButton, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { describeError } from '../../../api/problem';
import { clinicUntil } from '../time';
import type { CreatedLink } from '../api/followUps.api';
import { useCreateLink } from '../hooks/useFollowUps';

/**
 * Makes the patient's single-use link for one follow-up. The API queues the email itself (or lists
 * it in the outbox without a mail server); the link is shown here once, to copy or read out.
 */
export function SendLinkButton({
  followUpId,
  patientName,
  zone,
  disabledReason,
}: {
  followUpId: string;
  patientName: string;
  zone: string;
  /** Why no link can be sent (the window has closed), shown instead of the action. */
  disabledReason?: string;
}) {
  const create = useCreateLink();
  const [link, setLink] = useState<CreatedLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);

  const make = () => {
    setError(null);
    setLink(null);
    setOpen(true);
    create.mutate(followUpId, { onSuccess: setLink, onError: (e) => setError(describeError(e)) });
  };

  return (
    <>
      <Button variant="default" onClick={make} disabled={!!disabledReason} title={disabledReason}>
        Send patient link
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={`Link for ${patientName}`} size="lg">
        {create.isPending && <Text c="dimmed">Making the link…</Text>}
        {error && (
          <Alert color="red" variant="light" role="alert" title="No link was made">
            {error}
          </Alert>
        )}
        {link && (
          <Stack gap="sm">
            <Text size="sm">
              It works once, until {clinicUntil(link.expiresAt, zone)}. It is shown only now: copy it if you want to
              send it yourself.
            </Text>
            <Group gap="xs" wrap="nowrap" align="flex-end">
              <Textarea
                label="Link"
                value={link.url}
                readOnly
                autosize
                minRows={1}
                style={{ flex: 1 }}
                styles={{ input: { wordBreak: 'break-all' } }}
                onFocus={(e) => e.currentTarget.select()}
              />
              <CopyButton value={link.url}>
                {({ copied, copy }) => (
                  <Button onClick={copy} color={copied ? 'teal' : undefined}>
                    {copied ? 'Copied' : 'Copy'}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Alert color={link.message.toAddress ? 'blue' : 'orange'} variant="light">
              {link.message.toAddress
                ? `An email with the link is queued to ${link.message.toAddress}. Without a mail server it waits in the outbox for staff to send.`
                : 'The patient has no email address on file: read the link out or send it by text, then mark the message sent in the outbox.'}
            </Alert>
          </Stack>
        )}
      </Modal>
    </>
  );
}
