import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { describeError } from '../../../api/problem';
import { formatDate } from '../../../shared/dates';
import type { AffectedAppointment, ChairKind, Clinic, OpeningWindow } from '../api/clinic.api';
import {
  useAddChair,
  useAddClosure,
  useAddNurseShift,
  useRemoveClosure,
  useRemoveNurseShift,
  useReplaceOpeningHours,
  useUpdateChair,
  useUpdateClinic,
} from '../hooks/useClinic';
import { AffectedAppointments } from './AffectedAppointments';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const weekdayName = (n: number | null | undefined) => (n ? (WEEKDAYS[n - 1] ?? String(n)) : '');

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={2} size="h4">
        {title}
      </Title>
      {description && (
        <Text size="sm" c="dimmed" mb="md">
          {description}
        </Text>
      )}
      {children}
    </Card>
  );
}

const failed = (error: unknown) =>
  notifications.show({ color: 'red', title: 'Not saved', message: describeError(error) });
const saved = (message: string) => notifications.show({ color: 'green', title: 'Saved', message });
const sessions = (n: number) => `${n} booked session${n === 1 ? '' : 's'}`;

/** The bookings the last change stranded, with a heading naming the change. */
type Stranded = { title: string; appointments: AffectedAppointment[] } | null;

export function ClinicCapacity({ clinic }: { clinic: Clinic }) {
  return (
    <Stack gap="lg">
      <Settings clinic={clinic} />
      <OpeningHours hours={clinic.openingHours} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Chairs clinic={clinic} />
        <NurseShifts clinic={clinic} />
      </SimpleGrid>
      <Closures clinic={clinic} />
    </Stack>
  );
}

function Settings({ clinic }: { clinic: Clinic }) {
  const update = useUpdateClinic();
  const [name, setName] = useState(clinic.name);
  const [timezone, setTimezone] = useState(clinic.timezone);
  const [perNurse, setPerNurse] = useState<number | string>(clinic.maxInfusionsPerNurse ?? '');
  return (
    <Section title="Clinic" description="Every time in Cadence is shown in the clinic's time zone.">
      <Group align="flex-end" gap="md" wrap="wrap">
        <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} w={300} />
        <TextInput
          label="Time zone (IANA)"
          value={timezone}
          onChange={(e) => setTimezone(e.currentTarget.value)}
          w={220}
        />
        <NumberInput
          label="Infusions per nurse at once"
          min={1}
          max={12}
          allowDecimal={false}
          value={perNurse}
          onChange={setPerNurse}
          w={220}
        />
        <Button
          loading={update.isPending}
          onClick={() =>
            update.mutate(
              {
                name: name.trim(),
                timezone: timezone.trim(),
                ...(typeof perNurse === 'number' ? { maxInfusionsPerNurse: perNurse } : {}),
              },
              { onSuccess: () => saved('Clinic settings saved.'), onError: failed },
            )
          }
        >
          Save
        </Button>
      </Group>
    </Section>
  );
}

function OpeningHours({ hours }: { hours: OpeningWindow[] }) {
  const replace = useReplaceOpeningHours();
  const [rows, setRows] = useState(() =>
    WEEKDAYS.map((_, i) => {
      const w = hours.find((h) => h.weekday === i + 1);
      return { weekday: i + 1, open: !!w, opensAt: w?.opensAt ?? '08:00', closesAt: w?.closesAt ?? '18:00' };
    }),
  );
  const set = (i: number, change: Partial<(typeof rows)[number]>) =>
    setRows((r) => r.map((row, j) => (j === i ? { ...row, ...change } : row)));
  return (
    <Section
      title="Opening hours"
      description="Local clinic time. Slot search books only inside these hours (beds run day and night)."
    >
      <Table verticalSpacing="xs" aria-label="Opening hours" maw={560}>
        <Table.Tbody>
          {rows.map((row, i) => (
            <Table.Tr key={row.weekday}>
              <Table.Td w={130}>{WEEKDAYS[i]}</Table.Td>
              <Table.Td w={100}>
                <Switch
                  checked={row.open}
                  onChange={(e) => set(i, { open: e.currentTarget.checked })}
                  label={row.open ? 'Open' : 'Closed'}
                />
              </Table.Td>
              <Table.Td>
                {row.open && (
                  <Group gap="xs" wrap="nowrap">
                    <TextInput
                      type="time"
                      aria-label={`${WEEKDAYS[i]} opens`}
                      value={row.opensAt}
                      onChange={(e) => set(i, { opensAt: e.currentTarget.value })}
                      w={120}
                    />
                    <Text>–</Text>
                    <TextInput
                      type="time"
                      aria-label={`${WEEKDAYS[i]} closes`}
                      value={row.closesAt}
                      onChange={(e) => set(i, { closesAt: e.currentTarget.value })}
                      w={120}
                    />
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Button
        mt="md"
        loading={replace.isPending}
        onClick={() =>
          replace.mutate(
            rows.filter((r) => r.open).map(({ weekday, opensAt, closesAt }) => ({ weekday, opensAt, closesAt })),
            { onSuccess: () => saved('Opening hours saved.'), onError: failed },
          )
        }
      >
        Save opening hours
      </Button>
    </Section>
  );
}

function Chairs({ clinic }: { clinic: Clinic }) {
  const add = useAddChair();
  const update = useUpdateChair();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ChairKind>('CHAIR');
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
                  checked={c.active}
                  onChange={(e) =>
                    update.mutate(
                      { id: c.id, active: e.currentTarget.checked },
                      {
                        onSuccess: (chair) =>
                          setStranded({
                            title: `${chair.name} is out of service; ${sessions(chair.affectedAppointments.length)} still on it`,
                            appointments: chair.affectedAppointments,
                          }),
                        onError: failed,
                      },
                    )
                  }
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group align="flex-end" gap="sm" mt="md">
        <TextInput
          label="New chair or bed"
          placeholder="Chair 9"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          w={160}
        />
        <Select
          label="Kind"
          data={[
            { value: 'CHAIR', label: 'Chair' },
            { value: 'BED', label: 'Bed' },
            { value: 'ROOM', label: 'Room' },
          ]}
          value={kind}
          onChange={(v) => v && setKind(v as ChairKind)}
          allowDeselect={false}
          w={110}
        />
        <Button
          variant="light"
          disabled={!name.trim()}
          loading={add.isPending}
          onClick={() => add.mutate({ name: name.trim(), kind }, { onSuccess: () => setName(''), onError: failed })}
        >
          Add
        </Button>
      </Group>
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

function NurseShifts({ clinic }: { clinic: Clinic }) {
  const add = useAddNurseShift();
  const remove = useRemoveNurseShift();
  const [weekday, setWeekday] = useState<string | null>('1');
  const [date, setDate] = useState('');
  const [startsAt, setStartsAt] = useState('08:00');
  const [endsAt, setEndsAt] = useState('18:00');
  const [nurses, setNurses] = useState<number | string>(2);
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
                <Table.Td>{s.date ? formatDate(s.date) : `Every ${weekdayName(s.weekday)}`}</Table.Td>
                <Table.Td>
                  {s.startsAt}–{s.endsAt}
                </Table.Td>
                <Table.Td>
                  {s.nurses} nurse{s.nurses === 1 ? '' : 's'}
                </Table.Td>
                <Table.Td ta="right">
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label="Remove shift"
                    onClick={() => remove.mutate(s.id, { onError: failed })}
                  >
                    ✕
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group align="flex-end" gap="sm" mt="md" wrap="wrap">
        <Select
          label="Weekly on"
          data={WEEKDAYS.map((d, i) => ({ value: String(i + 1), label: d }))}
          value={date ? null : weekday}
          onChange={(v) => {
            setWeekday(v);
            if (v) setDate('');
          }}
          clearable
          w={140}
        />
        <TextInput
          label="or on date"
          type="date"
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          w={150}
        />
        <TextInput
          label="From"
          type="time"
          value={startsAt}
          onChange={(e) => setStartsAt(e.currentTarget.value)}
          w={100}
        />
        <TextInput label="To" type="time" value={endsAt} onChange={(e) => setEndsAt(e.currentTarget.value)} w={100} />
        <NumberInput label="Nurses" min={1} max={50} allowDecimal={false} value={nurses} onChange={setNurses} w={90} />
        <Button
          variant="light"
          loading={add.isPending}
          disabled={(!date && !weekday) || typeof nurses !== 'number'}
          onClick={() =>
            add.mutate(
              { ...(date ? { date } : { weekday: Number(weekday) }), startsAt, endsAt, nurses: Number(nurses) },
              { onError: failed },
            )
          }
        >
          Add shift
        </Button>
      </Group>
    </Section>
  );
}

function Closures({ clinic }: { clinic: Clinic }) {
  const add = useAddClosure();
  const remove = useRemoveClosure();
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [reason, setReason] = useState('');
  const [stranded, setStranded] = useState<Stranded>(null);
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
                      onClick={() => remove.mutate(c.id, { onError: failed })}
                    >
                      ✕
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      )}
      <Group align="flex-end" gap="sm" mt="md" wrap="wrap">
        <TextInput
          label="From"
          type="date"
          value={startsOn}
          onChange={(e) => setStartsOn(e.currentTarget.value)}
          w={160}
        />
        <TextInput
          label="To (inclusive)"
          type="date"
          value={endsOn}
          onChange={(e) => setEndsOn(e.currentTarget.value)}
          w={160}
        />
        <TextInput
          label="Reason"
          placeholder="Bank holiday"
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          w={260}
        />
        <Button
          variant="light"
          loading={add.isPending}
          disabled={!startsOn || !reason.trim()}
          onClick={() =>
            add.mutate(
              { startsOn, endsOn: endsOn || startsOn, reason: reason.trim() },
              {
                onSuccess: (closure) => {
                  setStartsOn('');
                  setEndsOn('');
                  setReason('');
                  setStranded({
                    title: `Closure “${closure.reason}” saved over ${sessions(closure.affectedAppointments.length)}`,
                    appointments: closure.affectedAppointments,
                  });
                },
                onError: failed,
              },
            )
          }
        >
          Add closure
        </Button>
      </Group>
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
