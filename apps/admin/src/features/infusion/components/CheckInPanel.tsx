import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { VITALS_ENTRY_RANGES, WEIGHT_ENTRY_KG, type DayOfCheckId } from '@cadence/domain';
import { useState } from 'react';
import { FormErrorAlert } from '../../../shared/FormErrorAlert';
import { apiErrorsOnForm } from '../../../shared/forms';
import { formatClinicTime } from '../../clinic/time';
import type { InfusionSession, UpdateCheckInBody } from '../api/infusion.api';
import { useOverrideCheckIn, useUpdateCheckIn } from '../hooks/useInfusion';
import { clinicTimeToday, entered } from '../forms';
import { CHECK_LABELS, RESULT_LABELS } from '../labels';
import { checkInFieldPath } from '../checkInBody';
import { ClinicianRechecks } from './ClinicianRechecks';

type Check = InfusionSession['checkIn']['checks'][number];

const RECHECK_CODES = new Set(['BP_RECHECK_NEEDED', 'HR_RECHECK_NEEDED', 'RECHECK_TOO_SOON']);
/** Facts a nurse can still add after check-in, by the check that says they are missing. */
const ADDABLE: Partial<Record<DayOfCheckId, string>> = {
  SPO2: 'spo2',
  WEIGHT: 'weightKg',
  PREGNANCY: 'pregnancy',
  FASTING: 'fasting',
  ESCORT_HOME: 'escortArranged',
  NO_DRIVING: 'willDrive',
  BLOOD_PRESSURE: 'bloodPressure',
};

const isMissing = (check: Check) =>
  check.reasons.some((r) => r.code.endsWith('_NOT_RECORDED') || r.code === 'WEIGHT_MISSING');

interface CheckInPanelProps {
  session: InfusionSession;
  zone: string;
  today: string;
  isNurse: boolean;
  isClinician: boolean;
}

/** The day-of checks with each result and its reasons, as the API computed them. */
export function CheckInPanel({ session, zone, today, isNurse, isClinician }: CheckInPanelProps) {
  const { checks, decision, facts, override } = session.checkIn;
  const open = session.state === 'CHECKED_IN';
  const needsRecheck = checks.some((c) => c.reasons.some((r) => RECHECK_CODES.has(r.code)));
  const missing = checks.filter(isMissing).map((c) => c.check);
  const relative = decision.standing.filter((r) => r.severity === 'RELATIVE');
  const absolute = decision.standing.filter((r) => r.severity === 'ABSOLUTE');

  return (
    <Card withBorder radius="md" padding="md" component="section" aria-label="Day-of checks">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Text fw={650} size="lg">
          Day-of checks
        </Text>
        {decision.allowed ? (
          <Badge color="green" size="lg">
            Cleared to start
          </Badge>
        ) : (
          <Badge color="red" size="lg">
            Start blocked
          </Badge>
        )}
      </Group>
      <Stack gap="md">
        <ClinicianRechecks rechecks={session.checkIn.rechecks} />
        <div>
          <Text size="sm" fw={600}>
            Blood pressure and heart rate readings today
          </Text>
          {facts.readings.length === 0 ? (
            <Text size="sm" c="dimmed">
              None recorded
            </Text>
          ) : (
            <List size="sm" spacing={2} data-testid="check-in-readings">
              {facts.readings.map((r, i) => (
                <List.Item key={r.takenAt}>
                  {i === 0 ? 'First' : 'Recheck'} at {formatClinicTime(r.takenAt, zone)}: {r.systolic}/{r.diastolic}{' '}
                  mmHg, {r.heartRate} bpm
                </List.Item>
              ))}
            </List>
          )}
        </div>
        <Table withRowBorders verticalSpacing={6} aria-label="Checks">
          <Table.Tbody>
            {checks.map((c) => (
              <Table.Tr key={c.check}>
                <Table.Td w={150}>
                  <Text fw={600} size="sm">
                    {CHECK_LABELS[c.check]}
                  </Text>
                </Table.Td>
                <Table.Td w={180}>
                  <Badge color={RESULT_LABELS[c.result].color} variant="light">
                    {RESULT_LABELS[c.result].label}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {c.reasons.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  ) : (
                    c.reasons.map((r) => (
                      <Text key={r.code} size="sm">
                        {r.message}
                        {decision.accepted.some((a) => a.code === r.code) && (
                          <Badge ml={6} size="xs" color="teal">
                            accepted by clinician
                          </Badge>
                        )}
                      </Text>
                    ))
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {override && (
          <Alert color="teal" variant="light" title="Clinician's override">
            <Text size="sm">{override.reason}</Text>
          </Alert>
        )}
        {open && isNurse && needsRecheck && <RecheckForm session={session} zone={zone} today={today} />}
        {open && isNurse && missing.length > 0 && (
          <MissingFactsForm session={session} missing={missing} zone={zone} today={today} />
        )}
        {open && isClinician && relative.length > 0 && (
          <OverrideForm session={session} relative={relative} absoluteStand={absolute.length > 0} />
        )}
      </Stack>
    </Card>
  );
}

function RecheckForm({ session, zone, today }: { session: InfusionSession; zone: string; today: string }) {
  const update = useUpdateCheckIn(session.id);
  const [messages, setMessages] = useState<string[]>([]);
  const form = useForm({
    initialValues: {
      systolic: '' as number | string,
      diastolic: '' as number | string,
      heartRate: '' as number | string,
      time: '',
    },
  });
  const submit = form.onSubmit(async (values) => {
    setMessages([]);
    const body: UpdateCheckInBody = {
      version: session.version,
      recheck: {
        systolic: entered(values.systolic),
        diastolic: entered(values.diastolic),
        heartRate: entered(values.heartRate),
        takenAt: clinicTimeToday(values.time, today, zone),
      } as NonNullable<UpdateCheckInBody['recheck']>,
    };
    try {
      await update.mutateAsync(body);
      form.reset();
    } catch (error) {
      setMessages(
        apiErrorsOnForm(
          form,
          error,
          (path) => path in values,
          {},
          (field) => field.replace(/^(body\.)?recheck\./, '').replace(/^takenAt$/, 'time'),
        ),
      );
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Recheck after rest">
      <Card withBorder padding="sm" bg="yellow.0">
        <Text fw={600} mb={4}>
          Recheck after rest
        </Text>
        <Text size="sm" mb="xs">
          Both readings are kept; the recheck decides.
        </Text>
        <FormErrorAlert messages={messages} />
        <SimpleGrid cols={4} spacing="sm">
          {(['systolic', 'diastolic', 'heartRate'] as const).map((sign) => (
            <NumberInput
              key={sign}
              label={{ systolic: 'Systolic', diastolic: 'Diastolic', heartRate: 'Heart rate' }[sign]}
              description={`${VITALS_ENTRY_RANGES[sign].min}–${VITALS_ENTRY_RANGES[sign].max}`}
              size="md"
              clampBehavior="none"
              hideControls
              {...form.getInputProps(sign)}
            />
          ))}
          <TextInput
            label="Taken at"
            description="Default: now"
            type="time"
            size="md"
            {...form.getInputProps('time')}
          />
        </SimpleGrid>
        <Group justify="flex-end" mt="sm">
          <Button type="submit" size="lg" loading={update.isPending}>
            Save recheck
          </Button>
        </Group>
      </Card>
    </form>
  );
}

function MissingFactsForm({
  session,
  missing,
  zone,
  today,
}: {
  session: InfusionSession;
  missing: DayOfCheckId[];
  zone: string;
  today: string;
}) {
  const update = useUpdateCheckIn(session.id);
  const [messages, setMessages] = useState<string[]>([]);
  const form = useForm({
    initialValues: {
      systolic: '' as number | string,
      diastolic: '' as number | string,
      heartRate: '' as number | string,
      spo2: '' as number | string,
      weightKg: '' as number | string,
      pregnancy: '',
      lastFood: '',
      lastClearFluids: '',
      escortArranged: '',
      willDrive: '',
    },
  });
  const shown = new Set(missing.map((m) => ADDABLE[m]).filter(Boolean));
  const yesNo = (value: string) => (value === '' ? undefined : value === 'yes');
  const submit = form.onSubmit(async (v) => {
    setMessages([]);
    const anyBp = [v.systolic, v.diastolic, v.heartRate].some((x) => x !== '');
    const body: UpdateCheckInBody = {
      version: session.version,
      ...(anyBp
        ? {
            bloodPressure: {
              systolic: entered(v.systolic),
              diastolic: entered(v.diastolic),
              heartRate: entered(v.heartRate),
            } as NonNullable<UpdateCheckInBody['bloodPressure']>,
          }
        : {}),
      spo2: entered(v.spo2),
      weightKg: entered(v.weightKg),
      pregnancy: (v.pregnancy || undefined) as UpdateCheckInBody['pregnancy'],
      lastFoodAt: clinicTimeToday(v.lastFood, today, zone),
      lastClearFluidsAt: clinicTimeToday(v.lastClearFluids, today, zone),
      escortArranged: yesNo(v.escortArranged),
      willDrive: yesNo(v.willDrive),
    };
    try {
      await update.mutateAsync(body);
      form.reset();
    } catch (error) {
      setMessages(apiErrorsOnForm(form, error, (path) => path in v, {}, checkInFieldPath));
    }
  });
  const number = (name: 'systolic' | 'diastolic' | 'heartRate' | 'spo2', label: string) => (
    <NumberInput
      label={label}
      description={`${VITALS_ENTRY_RANGES[name].min}–${VITALS_ENTRY_RANGES[name].max}`}
      size="md"
      clampBehavior="none"
      hideControls
      {...form.getInputProps(name)}
    />
  );
  const segmented = (
    name: 'pregnancy' | 'escortArranged' | 'willDrive',
    label: string,
    data: { value: string; label: string }[],
  ) => (
    <Stack gap={4}>
      <Text fw={500} id={`missing-${name}`}>
        {label}
      </Text>
      <SegmentedControl aria-labelledby={`missing-${name}`} size="md" data={data} {...form.getInputProps(name)} />
      {form.errors[name] && (
        <Text size="sm" c="red">
          {form.errors[name]}
        </Text>
      )}
    </Stack>
  );
  return (
    <form onSubmit={submit} noValidate aria-label="Record missing facts">
      <Card withBorder padding="sm">
        <Text fw={600} mb="xs">
          Record what is missing
        </Text>
        <FormErrorAlert messages={messages} />
        <Stack gap="sm">
          {shown.has('bloodPressure') && (
            <SimpleGrid cols={3} spacing="sm">
              {number('systolic', 'Systolic')}
              {number('diastolic', 'Diastolic')}
              {number('heartRate', 'Heart rate')}
            </SimpleGrid>
          )}
          {(shown.has('spo2') || shown.has('weightKg')) && (
            <SimpleGrid cols={2} spacing="sm">
              {shown.has('spo2') && number('spo2', 'SpO2 at rest (%)')}
              {shown.has('weightKg') && (
                <NumberInput
                  label="Weight (kg)"
                  description={`${WEIGHT_ENTRY_KG.min}–${WEIGHT_ENTRY_KG.max} kg, 0.1 kg steps`}
                  size="md"
                  inputMode="decimal"
                  clampBehavior="none"
                  hideControls
                  {...form.getInputProps('weightKg')}
                />
              )}
            </SimpleGrid>
          )}
          {shown.has('pregnancy') &&
            segmented('pregnancy', 'Pregnancy status today', [
              { value: '', label: 'Not recorded' },
              { value: 'no', label: 'Not pregnant' },
              { value: 'possible', label: 'Possible' },
              { value: 'yes', label: 'Pregnant' },
            ])}
          {shown.has('fasting') && (
            <SimpleGrid cols={2} spacing="sm">
              <TextInput label="Last food (today)" type="time" size="md" {...form.getInputProps('lastFood')} />
              <TextInput
                label="Last clear fluids (today)"
                type="time"
                size="md"
                {...form.getInputProps('lastClearFluids')}
              />
            </SimpleGrid>
          )}
          {shown.has('escortArranged') &&
            segmented('escortArranged', 'Escort home arranged', [
              { value: '', label: 'Not asked' },
              { value: 'yes', label: 'Yes' },
              { value: 'no', label: 'No' },
            ])}
          {shown.has('willDrive') &&
            segmented('willDrive', 'Will drive after treatment', [
              { value: '', label: 'Not asked' },
              { value: 'no', label: 'No' },
              { value: 'yes', label: 'Yes' },
            ])}
        </Stack>
        <Group justify="flex-end" mt="sm">
          <Button type="submit" size="lg" loading={update.isPending}>
            Save
          </Button>
        </Group>
      </Card>
    </form>
  );
}

function OverrideForm({
  session,
  relative,
  absoluteStand,
}: {
  session: InfusionSession;
  relative: InfusionSession['checkIn']['decision']['standing'];
  absoluteStand: boolean;
}) {
  const override = useOverrideCheckIn(session.id);
  const [messages, setMessages] = useState<string[]>([]);
  const form = useForm({ initialValues: { reason: '', accepts: [] as string[] } });
  const submit = form.onSubmit(async (values) => {
    setMessages([]);
    try {
      await override.mutateAsync({
        version: session.version,
        reason: values.reason,
        accepts: values.accepts as InfusionSession['checkIn']['decision']['standing'][number]['code'][],
      });
      form.reset();
    } catch (error) {
      setMessages(apiErrorsOnForm(form, error, (path) => path in values));
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Clinician's override">
      <Card withBorder padding="sm" bg="orange.0">
        <Text fw={600}>Override relative reasons</Text>
        <Text size="sm" mb="xs">
          A written reason accepts the reasons ticked; absolute reasons always stand
          {absoluteStand ? ' (one stands now, so the start stays blocked)' : ''}.
        </Text>
        <FormErrorAlert messages={messages} title="Not overridden" />
        <Checkbox.Group {...form.getInputProps('accepts')}>
          <Stack gap={6}>
            {relative.map((r) => (
              <Checkbox key={r.code} value={r.code} label={r.message} size="md" />
            ))}
          </Stack>
        </Checkbox.Group>
        <Textarea mt="sm" label="Reason" autosize minRows={2} size="md" {...form.getInputProps('reason')} />
        <Group justify="flex-end" mt="sm">
          <Button type="submit" size="lg" color="orange" loading={override.isPending}>
            Override
          </Button>
        </Group>
      </Card>
    </form>
  );
}
