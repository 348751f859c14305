import { Alert, Button, Card, Group, List, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { describeError } from '../../../api/problem';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { apiErrorsOnForm } from '../../../shared/forms';
import { formatClinicDateTime } from '../../clinic/time';
import type { InfusionSession } from '../api/infusion.api';
import { useAddendum, useCoSign, useSign } from '../hooks/useInfusion';

interface SignaturesPanelProps {
  session: InfusionSession;
  zone: string;
  isNurse: boolean;
  isClinician: boolean;
  /** Names of the clinic's clinicians by id (the co-signer is one). */
  clinicianName: (id: string | null) => string | undefined;
}

/** The nurse's signature, the clinician's co-signature, then addenda only: the record is frozen. */
export function SignaturesPanel({ session, zone, isNurse, isClinician, clinicianName }: SignaturesPanelProps) {
  const sign = useSign(session.id);
  const coSign = useCoSign(session.id);
  const { signatures } = session;
  const nurseSigned = Boolean(signatures.nurseSignedAt);
  const coSigned = Boolean(signatures.clinicianSignedAt);
  const failure = sign.error ?? coSign.error;
  const refusal = failure ? refusalText(failure) : [];

  return (
    <Card withBorder radius="md" padding="md" component="section" aria-label="Signatures">
      <Text fw={650} size="lg" mb="sm">
        Signatures
      </Text>
      <Stack gap="sm">
        <Text data-testid="nurse-signature">
          Nurse: {nurseSigned ? `signed ${formatClinicDateTime(signatures.nurseSignedAt, zone)}` : 'not signed yet'}
        </Text>
        <Text data-testid="clinician-signature">
          Clinician:{' '}
          {coSigned
            ? `co-signed by ${clinicianName(signatures.clinicianSignedById) ?? 'a clinician'} ${formatClinicDateTime(
                signatures.clinicianSignedAt,
                zone,
              )}`
            : 'not co-signed yet'}
        </Text>
        <FormErrorAlert messages={refusal} title="Not signed" />
        <Group gap="sm">
          {isNurse && !nurseSigned && session.state === 'DISCHARGED' && (
            <Button size="xl" loading={sign.isPending} onClick={() => sign.mutate(session.version)}>
              Sign the record
            </Button>
          )}
          {isClinician && nurseSigned && !coSigned && (
            <Button size="xl" loading={coSign.isPending} onClick={() => coSign.mutate(session.version)}>
              Co-sign the record
            </Button>
          )}
        </Group>
        {nurseSigned && (
          <Alert color="gray" variant="light">
            The record is signed and cannot be changed; corrections are added as addenda.
          </Alert>
        )}
        {session.addenda.length > 0 && (
          <List spacing={4} aria-label="Addenda">
            {session.addenda.map((a) => (
              <List.Item key={a.id}>
                <Text size="sm" c="dimmed">
                  {formatClinicDateTime(a.createdAt, zone)}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {a.text}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
        {nurseSigned && <AddendumForm sessionId={session.id} />}
      </Stack>
    </Card>
  );
}

/** A refused signature says why: the domain's reasons, or the field errors standing in for them. */
function refusalText(error: unknown): string[] {
  const problem = (error as { problem?: { reasons?: { message: string }[]; errors?: { message: string }[] } }).problem;
  const reasons = problem?.reasons ?? problem?.errors;
  return reasons?.length ? reasons.map((r) => r.message) : [describeError(error)];
}

function AddendumForm({ sessionId }: { sessionId: string }) {
  const add = useAddendum(sessionId);
  const [messages, setMessages] = useState<string[]>([]);
  const form = useForm({
    initialValues: { text: '' },
    validate: { text: (v) => (v.trim() ? null : 'Write the addendum') },
  });
  const submit = form.onSubmit(async (values) => {
    setMessages([]);
    try {
      await add.mutateAsync(values.text.trim());
      form.reset();
    } catch (error) {
      setMessages(apiErrorsOnForm(form, error, (path) => path === 'text'));
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Addendum">
      <FormErrorAlert messages={messages} />
      <Textarea label="Addendum" autosize minRows={2} size="md" {...form.getInputProps('text')} />
      <Group justify="flex-end" mt="xs">
        <Button type="submit" size="lg" variant="light" loading={add.isPending}>
          Add addendum
        </Button>
      </Group>
    </form>
  );
}
