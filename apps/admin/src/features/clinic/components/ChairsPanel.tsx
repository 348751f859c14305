import { Badge, Button, Group, Select, Stack, Switch, Table, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { describeError } from '../../../api/problem';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { apiErrorsOnForm } from '../../../shared/forms';
import type { ChairKind, Clinic } from '../api/clinic.api';
import { useAddChair, useUpdateChair } from '../hooks/useClinic';
import { AffectedAppointments } from './AffectedAppointments';
import { bookedSessions, Section, type Stranded } from './Section';

const KIND_OPTIONS: { value: ChairKind; label: string }[] = [
  { value: 'CHAIR', label: 'Chair' },
  { value: 'BED', label: 'Bed' },
  { value: 'ROOM', label: 'Room' },
];
const FIELDS = new Set(['name', 'kind']);

export function ChairsPanel({ clinic }: { clinic: Clinic }) {
  const update = useUpdateChair();
  const [stranded, setStranded] = useState<Stranded>(null);
  return (
    <Section title="Chairs and beds" description="Beds are for continuous inpatient infusions.">
      <Table verticalSpacing={6} aria-label="Chairs">
        <Table.Tbody>
          {clinic.chairs.map((c) => (
            <Table.Tr key={c.id} style={{ opacity: c.active ? 1 : 0.55 }}>
              <Table.Td fw={600}>{c.name}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={c.kind === 'BED' ? 'grape' : 'cadence'}>
                  {c.kind.toLowerCase()}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">
                <Switch
                  size="sm"
                  label={c.active ? 'In use' : 'Retired'}
                  aria-label={`${c.name} in use`}
                  checked={c.active}
                  onChange={(e) =>
                    update.mutate(
                      { id: c.id, active: e.currentTarget.checked },
                      {
                        onSuccess: (chair) =>
                          setStranded({
                            title: `${chair.name} is out of service; ${bookedSessions(chair.affectedAppointments.length)} still on it`,
                            appointments: chair.affectedAppointments,
                          }),
                        onError: (error) =>
                          notifications.show({ color: 'red', title: 'Not saved', message: describeError(error) }),
                      },
                    )
                  }
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <AddChairForm />
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

function AddChairForm() {
  const add = useAddChair();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm<{ name: string; kind: ChairKind }>({
    initialValues: { name: '', kind: 'CHAIR' },
    validate: { name: (v) => (v.trim() ? null : 'Enter a name') },
  });
  const submit = form.onSubmit((values) => {
    setFormErrors([]);
    add.mutate(
      { name: values.name.trim(), kind: values.kind },
      {
        onSuccess: () => form.reset(),
        onError: (error) => setFormErrors(apiErrorsOnForm(form, error, (path) => FIELDS.has(path), { name: 'Name' })),
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Add a chair or bed">
      <Stack gap="sm" mt="md">
        <FormErrorAlert messages={formErrors} title="Not added" />
        <Group align="flex-start" gap="sm" wrap="nowrap">
          <TextInput
            label="New chair or bed"
            placeholder="Chair 9"
            style={{ flex: 1 }}
            maw={220}
            {...form.getInputProps('name')}
          />
          <Select label="Kind" data={KIND_OPTIONS} allowDeselect={false} w={100} {...form.getInputProps('kind')} />
          <Button type="submit" variant="light" mt={25} loading={add.isPending}>
            Add
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
