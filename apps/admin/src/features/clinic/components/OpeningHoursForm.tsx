import { ActionIcon, Button, Group, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { apiErrorsOnForm } from '../../../shared/forms';
import type { OpeningWindow } from '../api/clinic.api';
import {
  isOpeningHoursField,
  OPENING_HOURS_LABELS,
  openingHoursErrorPath,
  openingHoursFormErrors,
  toOpeningHoursRequest,
  toOpeningHoursValues,
  type OpeningHoursValues,
} from '../forms/openingHours';
import { useReplaceOpeningHours } from '../hooks/useClinic';
import { weekdayName } from '../weekdays';
import { notifySaved, Section } from './Section';
import { newId } from '../../../shared/ids';

const newKey = () => newId();

/** Every opening window of the week; a weekday may have several (a day split around lunch). */
export function OpeningHoursForm({ hours }: { hours: OpeningWindow[] }) {
  const replace = useReplaceOpeningHours();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm<OpeningHoursValues>({
    initialValues: toOpeningHoursValues(hours, newKey),
    validate: openingHoursFormErrors,
  });

  const submit = form.onSubmit((values) => {
    setFormErrors([]);
    const { windows, paths } = toOpeningHoursRequest(values);
    replace.mutate(windows, {
      onSuccess: () => {
        form.resetDirty();
        notifySaved('Opening hours saved.');
      },
      onError: (error) =>
        setFormErrors(
          apiErrorsOnForm(form, error, isOpeningHoursField, OPENING_HOURS_LABELS, (field) =>
            openingHoursErrorPath(field, paths),
          ),
        ),
    });
  });

  return (
    <Section
      title="Opening hours"
      description="Local clinic time. Slot search books only inside these hours (beds run day and night). A day may have several windows, e.g. closed over lunch."
    >
      <form onSubmit={submit} noValidate aria-label="Opening hours">
        <Stack gap="md">
          <FormErrorAlert messages={formErrors} title="Opening hours not saved" />
          <Table verticalSpacing="xs" maw={640} aria-label="Opening hours by weekday">
            <Table.Tbody>
              {form.values.days.map((day, d) => {
                const name = weekdayName(day.weekday);
                const open = day.windows.length > 0;
                return (
                  <Table.Tr key={day.weekday} data-testid={`opening-${name}`}>
                    <Table.Td w={120} style={{ verticalAlign: 'top', paddingTop: 14 }}>
                      {name}
                    </Table.Td>
                    <Table.Td w={110} style={{ verticalAlign: 'top', paddingTop: 14 }}>
                      <Switch
                        checked={open}
                        aria-label={`${name} open`}
                        label={open ? 'Open' : 'Closed'}
                        onChange={(e) =>
                          form.setFieldValue(
                            `days.${d}.windows`,
                            e.currentTarget.checked ? [{ key: newKey(), opensAt: '08:00', closesAt: '18:00' }] : [],
                          )
                        }
                      />
                    </Table.Td>
                    <Table.Td>
                      {open && (
                        <Stack gap={6}>
                          {day.windows.map((w, i) => (
                            <Group key={w.key} gap="xs" wrap="nowrap" align="flex-start">
                              <TextInput
                                type="time"
                                aria-label={`${name} window ${i + 1} opens`}
                                w={130}
                                {...form.getInputProps(`days.${d}.windows.${i}.opensAt`)}
                              />
                              <Text mt={6}>–</Text>
                              <TextInput
                                type="time"
                                aria-label={`${name} window ${i + 1} closes`}
                                w={130}
                                {...form.getInputProps(`days.${d}.windows.${i}.closesAt`)}
                              />
                              <ActionIcon
                                mt={4}
                                variant="subtle"
                                color="red"
                                aria-label={`Remove ${name} window ${i + 1}`}
                                onClick={() => form.removeListItem(`days.${d}.windows`, i)}
                              >
                                ✕
                              </ActionIcon>
                            </Group>
                          ))}
                          <Group>
                            <Button
                              variant="subtle"
                              size="compact-sm"
                              aria-label={`Add a window on ${name}`}
                              onClick={() =>
                                form.insertListItem(`days.${d}.windows`, { key: newKey(), opensAt: '', closesAt: '' })
                              }
                            >
                              + Add window
                            </Button>
                          </Group>
                        </Stack>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          <Group>
            <Button type="submit" loading={replace.isPending}>
              Save opening hours
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
