import { ActionIcon, Alert, Button, Group, NumberInput, Select, Stack, Table, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { describeError } from '../../../api/problem';
import { formatDate } from '../../../shared/dates';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { apiErrorsOnForm } from '../../../shared/forms';
import type { Clinic } from '../api/clinic.api';
import { NURSES_PER_SHIFT, rangeError } from '../forms/limits';
import { useAddNurseShift, useRemoveNurseShift } from '../hooks/useClinic';
import { WEEKDAY_OPTIONS, weekdayName } from '../weekdays';
import { Section } from './Section';

interface ShiftValues {
  weekday: string | null;
  date: string;
  startsAt: string;
  endsAt: string;
  nurses: number | string;
}

const FIELDS = new Set(['weekday', 'date', 'startsAt', 'endsAt', 'nurses']);
const LABELS = { weekday: 'Weekday', date: 'Date', startsAt: 'From', endsAt: 'To', nurses: 'Nurses' };

export function NurseShiftsPanel({ clinic }: { clinic: Clinic }) {
  const remove = useRemoveNurseShift();
  const perNurse = clinic.maxInfusionsPerNurse;
  return (
    <Section
      title="Nurse shifts"
      description={`Chair-side nurses on duty${perNurse ? `; each supervises up to ${perNurse} infusions at once` : ''}. A dated shift replaces the weekly rota for that day.`}
    >
      {clinic.nurseShifts.length === 0 ? (
        <Alert variant="light" color="gray">
          No shifts recorded.
        </Alert>
      ) : (
        <Table verticalSpacing={6} aria-label="Nurse shifts">
          <Table.Tbody>
            {clinic.nurseShifts.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{s.date ? formatDate(s.date) : `Every ${weekdayName(s.weekday ?? 0)}`}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {s.startsAt}–{s.endsAt}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {s.nurses} nurse{s.nurses === 1 ? '' : 's'}
                </Table.Td>
                <Table.Td ta="right">
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label="Remove shift"
                    onClick={() =>
                      remove.mutate(s.id, {
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
      <AddShiftForm />
    </Section>
  );
}

function AddShiftForm() {
  const add = useAddNurseShift();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm<ShiftValues>({
    initialValues: { weekday: '1', date: '', startsAt: '08:00', endsAt: '18:00', nurses: 2 },
    validate: {
      weekday: (v, values) => (v || values.date ? null : 'Choose a weekday or a date'),
      startsAt: (v) => (v ? null : 'Enter a time'),
      endsAt: (v) => (v ? null : 'Enter a time'),
      nurses: (v) => rangeError(v, NURSES_PER_SHIFT),
    },
  });
  const submit = form.onSubmit((values) => {
    setFormErrors([]);
    add.mutate(
      {
        ...(values.date ? { date: values.date } : { weekday: Number(values.weekday) }),
        startsAt: values.startsAt,
        endsAt: values.endsAt,
        nurses: Number(values.nurses),
      },
      { onError: (error) => setFormErrors(apiErrorsOnForm(form, error, (path) => FIELDS.has(path), LABELS)) },
    );
  });
  const dated = !!form.values.date;
  return (
    <form onSubmit={submit} noValidate aria-label="Add a nurse shift">
      <Stack gap="sm" mt="md">
        <FormErrorAlert messages={formErrors} title="Shift not added" />
        <Group align="flex-start" gap="sm" wrap="wrap">
          <Select
            label="Weekly on"
            data={WEEKDAY_OPTIONS}
            clearable
            w={140}
            {...form.getInputProps('weekday')}
            value={dated ? null : form.values.weekday}
            onChange={(v) => {
              form.setFieldValue('weekday', v);
              if (v) form.setFieldValue('date', '');
            }}
          />
          <TextInput label="or on date" type="date" w={150} {...form.getInputProps('date')} />
          <TextInput label="From" type="time" w={130} {...form.getInputProps('startsAt')} />
          <TextInput label="To" type="time" w={130} {...form.getInputProps('endsAt')} />
          <NumberInput
            label="Nurses"
            description={`${NURSES_PER_SHIFT.min} to ${NURSES_PER_SHIFT.max}`}
            allowDecimal={false}
            clampBehavior="none"
            w={100}
            {...form.getInputProps('nurses')}
          />
          <Button type="submit" variant="light" mt={25} loading={add.isPending}>
            Add shift
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
