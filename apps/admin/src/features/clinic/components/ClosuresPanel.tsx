import { closureProblems } from '@cadence/domain';
import { ActionIcon, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { describeError } from '../../../api/problem';
import { formatDate } from '../../../shared/dates';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { apiErrorsOnForm, domainFormErrors } from '../../../shared/forms';
import type { AffectedAppointment, Clinic } from '../api/clinic.api';
import { useAddClosure, usePreviewClosure, useRemoveClosure } from '../hooks/useClinic';
import { AffectedAppointments } from './AffectedAppointments';
import { ClosurePreview } from './ClosurePreview';
import { bookedSessions, Section, type Stranded } from './Section';
import { ClinicDateInput } from '../../../shared/ClinicDateInput';

interface ClosureValues {
  startsOn: string;
  endsOn: string;
  reason: string;
}

const FIELDS = new Set(['startsOn', 'endsOn', 'reason']);
const LABELS = { startsOn: 'First day', endsOn: 'Last day', reason: 'Reason' };

/** An empty end date is a one-day closure. */
const toClosure = (values: ClosureValues) => ({
  startsOn: values.startsOn,
  endsOn: values.endsOn || values.startsOn,
  reason: values.reason.trim(),
});

type Closure = ReturnType<typeof toClosure>;

/**
 * Closures are previewed before they are saved: with bookings on the closed days the admin sees
 * them and confirms; with none the closure is saved at once.
 */
export function ClosuresPanel({ clinic }: { clinic: Clinic }) {
  const add = useAddClosure();
  const preview = usePreviewClosure();
  const remove = useRemoveClosure();
  const [stranded, setStranded] = useState<Stranded>(null);
  const [pending, setPending] = useState<{ closure: Closure; appointments: AffectedAppointment[] } | null>(null);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm<ClosureValues>({
    initialValues: { startsOn: '', endsOn: '', reason: '' },
    // A preview stands for the values it was made from; an edit asks again.
    onValuesChange: () => setPending(null),
    validate: (values) => {
      const missing: Record<string, string> = {};
      if (!values.startsOn) missing.startsOn = 'Enter the first closed day';
      if (!values.reason.trim()) missing.reason = 'Say why the clinic is closed';
      if (Object.keys(missing).length > 0) return missing;
      return domainFormErrors(closureProblems(toClosure(values)), LABELS);
    },
  });

  const onError = (error: unknown) => setFormErrors(apiErrorsOnForm(form, error, (path) => FIELDS.has(path), LABELS));

  const save = (closure: Closure) =>
    add.mutate(closure, {
      onSuccess: (saved) => {
        form.reset();
        setPending(null);
        setStranded({
          title: `Closure “${saved.reason}” saved over ${bookedSessions(saved.affectedAppointments.length)}`,
          appointments: saved.affectedAppointments,
        });
      },
      onError,
    });

  const submit = form.onSubmit((values) => {
    setFormErrors([]);
    setStranded(null);
    const closure = toClosure(values);
    preview.mutate(closure, {
      onSuccess: (appointments) => (appointments.length === 0 ? save(closure) : setPending({ closure, appointments })),
      onError,
    });
  });

  return (
    <Section title="Closures" description="Holidays and training days, inclusive. Nothing is offered on these days.">
      {clinic.closures.length === 0 ? (
        <Text c="dimmed" size="sm">
          No closures.
        </Text>
      ) : (
        <Table verticalSpacing={6} aria-label="Closures">
          <Table.Tbody>
            {[...clinic.closures]
              .sort((a, b) => a.startsOn.localeCompare(b.startsOn))
              .map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td w={260}>
                    {formatDate(c.startsOn)}
                    {c.endsOn !== c.startsOn ? ` – ${formatDate(c.endsOn)}` : ''}
                  </Table.Td>
                  <Table.Td>{c.reason}</Table.Td>
                  <Table.Td ta="right">
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove closure ${c.reason}`}
                      onClick={() =>
                        remove.mutate(c.id, {
                          onError: (error) =>
                            notifications.show({ color: 'red', title: 'Not removed', message: describeError(error) }),
                        })
                      }
                    >
                      ✕
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      )}
      <form onSubmit={submit} noValidate aria-label="Add a closure">
        <Stack gap="sm" mt="md">
          <FormErrorAlert messages={formErrors} title="Closure not added" />
          <Group align="flex-start" gap="sm" wrap="wrap">
            <ClinicDateInput label="From" w={160} {...form.getInputProps('startsOn')} />
            <ClinicDateInput
              label="To (inclusive)"
              description="Empty for one day"
              w={160}
              {...form.getInputProps('endsOn')}
            />
            <TextInput label="Reason" placeholder="Bank holiday" w={220} {...form.getInputProps('reason')} />
            <Button
              type="submit"
              variant="light"
              mt={25}
              loading={preview.isPending || (add.isPending && !pending)}
              disabled={!!pending}
            >
              Add closure
            </Button>
          </Group>
        </Stack>
      </form>
      {pending && (
        <ClosurePreview
          reason={pending.closure.reason}
          appointments={pending.appointments}
          timezone={clinic.timezone}
          saving={add.isPending}
          onConfirm={() => save(pending.closure)}
          onBack={() => setPending(null)}
        />
      )}
      {stranded && (
        <AffectedAppointments
          title={stranded.title}
          appointments={stranded.appointments}
          timezone={clinic.timezone}
          onClose={() => setStranded(null)}
        />
      )}
    </Section>
  );
}
