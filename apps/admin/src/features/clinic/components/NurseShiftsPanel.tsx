import { DATED_SHIFT_RULE, MAX_NURSES_PER_SHIFT, nurseShiftProblems } from '@cadence/domain';
import { ActionIcon, Alert, Button, Group, NumberInput, Select, Stack, Table, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { describeError } from '../../../api/problem';
import { formatDate } from '../../../shared/dates';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { apiErrorsOnForm, domainFormErrors } from '../../../shared/forms';
import type { Clinic, CreatedNurseShift } from '../api/clinic.api';
import { useAddNurseShift, useRemoveNurseShift } from '../hooks/useClinic';
import { WEEKDAY_OPTIONS, weekdayName } from '../weekdays';
import { AffectedAppointments } from './AffectedAppointments';
import { overRatio, Section, type Stranded } from './Section';
import { ClinicDateInput } from '../../../shared/ClinicDateInput';

interface ShiftValues {
  weekday: string | null;
  date: string;
  startsAt: string;
  endsAt: string;
  nurses: number | string;
}

const FIELDS = new Set(['weekday', 'date', 'startsAt', 'endsAt', 'nurses']);
const LABELS = { weekday: 'Weekday', date: 'Date', startsAt: 'Start', endsAt: 'End', nurses: 'Nurses' };

export function NurseShiftsPanel({ clinic }: { clinic: Clinic }) {
  const remove = useRemoveNurseShift();
  const [stranded, setStranded] = useState<Stranded>(null);
  const perNurse = clinic.maxInfusionsPerNurse;
  return (
    <Section
      title="Nurse shifts"
      description={`Chair-side nurses on duty${perNurse ? `; each supervises up to ${perNurse} infusions at once` : ''}. ${DATED_SHIFT_RULE}`}
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
                        onSuccess: (removed) => setStranded(overRatio(removed.overNurseRatio)),
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
      <AddShiftForm onAdded={(added) => setStranded(overRatio(added.overNurseRatio))} />
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

/** A dated shift when a date is given (it replaces that day's rota), otherwise a weekly rota row. */
const toShift = (values: ShiftValues) => ({
  ...(values.date ? { date: values.date } : { weekday: Number(values.weekday) }),
  startsAt: values.startsAt,
  endsAt: values.endsAt,
  nurses: Number(values.nurses),
});

function AddShiftForm({ onAdded }: { onAdded: (shift: CreatedNurseShift) => void }) {
  const add = useAddNurseShift();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm<ShiftValues>({
    initialValues: { weekday: '1', date: '', startsAt: '08:00', endsAt: '18:00', nurses: 2 },
    validate: (values) => {
      const missing: Record<string, string> = {};
      if (!values.weekday && !values.date) missing.weekday = 'Choose a weekday or a date';
      if (!values.startsAt) missing.startsAt = 'Enter a time';
      if (!values.endsAt) missing.endsAt = 'Enter a time';
      if (values.nurses === '') missing.nurses = 'Enter a number';
      if (Object.keys(missing).length > 0) return missing;
      return domainFormErrors(nurseShiftProblems(toShift(values)), LABELS);
    },
  });
  const submit = form.onSubmit((values) => {
    setFormErrors([]);
    add.mutate(toShift(values), {
      onSuccess: onAdded,
      onError: (error) => setFormErrors(apiErrorsOnForm(form, error, (path) => FIELDS.has(path), LABELS)),
    });
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
          <ClinicDateInput label="or on date" w={150} {...form.getInputProps('date')} />
          <TextInput label="From" type="time" w={130} {...form.getInputProps('startsAt')} />
          <TextInput label="To" type="time" w={130} {...form.getInputProps('endsAt')} />
          <NumberInput
            label="Nurses"
            description={dated ? `0 to ${MAX_NURSES_PER_SHIFT}` : `1 to ${MAX_NURSES_PER_SHIFT}`}
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
