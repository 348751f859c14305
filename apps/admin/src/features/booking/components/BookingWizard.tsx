import { Alert, Button, Card, Group, List, NumberInput, Stack, Stepper, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useClinicClock } from '../../clinic/hooks/useClinicClock';
import { clinicDateOf, formatClinicDate, formatClinicTimeRange } from '../../clinic/time';
import { usePatient } from '../../patients/hooks/usePatients';
import type { ProtocolRecord } from '../../protocols/api/protocols.api';
import { describePattern, fixedSessionCount } from '../../protocols/describe';
import type { Course, CourseOptionsRequest, CoursePlanOption } from '../api/booking.api';
import { bookingProblem } from '../bookingErrors';
import { useBookCourse, useCourseOptions, useEligibility } from '../hooks/useBooking';
import { OptionsStep } from './OptionsStep';
import { ChosenPatient, PatientSearch } from './PatientStep';
import { isBookable, ProtocolStep } from './ProtocolStep';

const OPTION_COUNT = 5;

/** Patient → protocol → ranked dates → confirm. The API decides eligibility and capacity. */
export function BookingWizard() {
  const { zone, today } = useClinicClock();
  const [params, setParams] = useSearchParams();
  const patientId = params.get('patient');
  const [active, setActive] = useState(0);
  const [protocol, setProtocol] = useState<ProtocolRecord | null>(null);
  const [sessions, setSessions] = useState<number | null>(null);
  const [earliest, setEarliest] = useState(today);
  const [request, setRequest] = useState<CourseOptionsRequest | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [plan, setPlan] = useState<CoursePlanOption | null>(null);
  const [painNrs, setPainNrs] = useState<number | null>(null);
  const [interference, setInterference] = useState<number | null>(null);
  const [booked, setBooked] = useState<Course | null>(null);

  const eligibility = useEligibility(patientId);
  const options = useCourseOptions(request);
  const book = useBookCourse();

  const choosePatient = (id: string | null) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (id) next.set('patient', id);
        else next.delete('patient');
        return next;
      },
      { replace: true },
    );
    setRequest(null);
    setSelected(null);
    setPlan(null);
    book.reset();
  };

  const pattern = protocol?.definition.pattern;
  const sessionCount = protocol ? (fixedSessionCount(protocol.definition) ?? sessions) : null;
  const protocolReady =
    !!protocol &&
    isBookable(protocol) &&
    /^\d{4}-\d{2}-\d{2}$/.test(earliest) &&
    (pattern?.kind !== 'WEEKDAYS' ||
      (sessions !== null && sessions >= pattern.minSessions && sessions <= pattern.maxSessions));
  const canLeave = [
    !!patientId && eligibility.data?.status === 'ELIGIBLE',
    protocolReady,
    selected !== null && !!options.data?.[selected],
    false,
  ];

  const searchDates = () => {
    if (!patientId || !protocol) return;
    setRequest({
      patientId,
      protocolId: protocol.id,
      ...(pattern?.kind === 'WEEKDAYS' && sessions ? { sessions } : {}),
      earliest,
      k: OPTION_COUNT,
    });
    setSelected(null);
    setPlan(null);
    setActive(2);
  };

  const next = () => {
    if (active === 1) return searchDates();
    if (active === 2 && selected !== null && options.data?.[selected]) {
      // The chosen plan is kept as it was shown, even if a later search reorders the list.
      setPlan(options.data[selected]);
      book.reset();
    }
    setActive((a) => Math.min(3, a + 1));
  };

  const searchAgain = () => {
    setSelected(null);
    setPlan(null);
    book.reset();
    setActive(2);
    void options.refetch();
  };

  const confirm = () => {
    if (!patientId || !protocol || !plan) return;
    book.mutate(
      {
        patientId,
        protocolId: protocol.id,
        sessions: plan.sessions.map(({ chairId, startsAt, endsAt }) => ({ chairId, startsAt, endsAt })),
        ...(painNrs !== null ? { baselinePainNrs: painNrs } : {}),
        ...(interference !== null ? { baselinePainInterference: interference } : {}),
      },
      {
        onSuccess: (course) => {
          setBooked(course);
          setActive(4);
        },
      },
    );
  };

  const startOver = () => {
    setBooked(null);
    setProtocol(null);
    setSessions(null);
    setRequest(null);
    setSelected(null);
    setPlan(null);
    setPainNrs(null);
    setInterference(null);
    book.reset();
    choosePatient(null);
    setActive(0);
  };

  return (
    <Card withBorder radius="md" padding="xl">
      <Stepper
        active={active}
        onStepClick={(step) => step < active && active < 4 && setActive(step)}
        allowNextStepsSelect={false}
        size="sm"
      >
        <Stepper.Step label="Patient" description="Find and check eligibility">
          <Stack mt="lg" gap="md">
            {patientId ? (
              <ChosenPatient patientId={patientId} onChange={() => choosePatient(null)} />
            ) : (
              <PatientSearch onChoose={choosePatient} />
            )}
          </Stack>
        </Stepper.Step>
        <Stepper.Step label="Protocol" description="What to book">
          <Stack mt="lg">
            <ProtocolStep
              protocolId={protocol?.id ?? null}
              onProtocolChange={(p) => {
                setProtocol(p);
                setSessions(p.definition.pattern.kind === 'WEEKDAYS' ? p.definition.pattern.minSessions : null);
              }}
              sessions={sessions}
              onSessionsChange={setSessions}
              earliest={earliest}
              onEarliestChange={setEarliest}
              minEarliest={today}
            />
          </Stack>
        </Stepper.Step>
        <Stepper.Step label="Dates" description="Choose chair and times">
          <Stack mt="lg">
            <OptionsStep query={options} zone={zone} earliest={earliest} selected={selected} onSelect={setSelected} />
          </Stack>
        </Stepper.Step>
        <Stepper.Step label="Confirm" description="Book every session">
          {plan && protocol && patientId && (
            <ConfirmStep
              patientId={patientId}
              protocol={protocol}
              plan={plan}
              zone={zone}
              painNrs={painNrs}
              onPainNrs={setPainNrs}
              interference={interference}
              onInterference={setInterference}
              error={book.error}
              onSearchAgain={searchAgain}
            />
          )}
        </Stepper.Step>
        <Stepper.Completed>
          {booked && plan && <Booked course={booked} plan={plan} zone={zone} onAnother={startOver} />}
        </Stepper.Completed>
      </Stepper>

      {active < 4 && (
        <Group justify="space-between" mt="xl" pt="md" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
          <Button variant="default" onClick={() => setActive((a) => a - 1)} disabled={active === 0 || book.isPending}>
            Back
          </Button>
          {active < 3 ? (
            <Button onClick={next} disabled={!canLeave[active]} size="md">
              {active === 1 ? 'Find dates' : 'Next'}
            </Button>
          ) : (
            <Button
              onClick={confirm}
              loading={book.isPending}
              disabled={!plan || (book.isError && bookingProblem(book.error).searchAgain)}
              size="md"
            >
              Book {sessionCount && sessionCount > 1 ? `${plan?.sessions.length ?? sessionCount} sessions` : 'course'}
            </Button>
          )}
        </Group>
      )}
    </Card>
  );
}

interface ConfirmStepProps {
  patientId: string;
  protocol: ProtocolRecord;
  plan: CoursePlanOption;
  zone: string;
  painNrs: number | null;
  onPainNrs: (v: number | null) => void;
  interference: number | null;
  onInterference: (v: number | null) => void;
  error: unknown;
  onSearchAgain: () => void;
}

function ConfirmStep(props: ConfirmStepProps) {
  const patient = usePatient(props.patientId);
  const problem = props.error ? bookingProblem(props.error) : null;
  const score = (v: string | number) => (typeof v === 'number' ? v : null);
  return (
    <Stack mt="lg" gap="lg">
      {problem && (
        <Alert color="red" variant="light" role="alert" title={problem.title}>
          <Stack gap="xs">
            <Text size="sm">{problem.message}</Text>
            {problem.reasons.length > 0 && (
              <List size="sm">
                {problem.reasons.map((r) => (
                  <List.Item key={r}>{r}</List.Item>
                ))}
              </List>
            )}
            {problem.searchAgain && (
              <Group>
                <Button size="xs" color="red" onClick={props.onSearchAgain}>
                  Search again
                </Button>
              </Group>
            )}
          </Stack>
        </Alert>
      )}
      <div>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          Patient
        </Text>
        <Text fw={600}>
          {patient.data ? `${patient.data.familyName}, ${patient.data.givenName} · MRN ${patient.data.mrn}` : '…'}
        </Text>
      </div>
      <div>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          Protocol
        </Text>
        <Text fw={600}>
          {props.protocol.name}{' '}
          <Text span c="dimmed" size="sm">
            (version {props.protocol.version})
          </Text>
        </Text>
        <Text size="sm" c="dimmed">
          {describePattern(props.protocol.definition)}
        </Text>
      </div>
      <SessionTable sessions={props.plan.sessions} zone={props.zone} />
      <Group align="flex-start" gap="lg" wrap="wrap">
        <NumberInput
          label="Baseline pain (NRS 0–10)"
          description="Optional; today's average pain"
          min={0}
          max={10}
          clampBehavior="strict"
          allowDecimal={false}
          value={props.painNrs ?? ''}
          onChange={(v) => props.onPainNrs(score(v))}
          w={240}
        />
        <NumberInput
          label="Baseline pain interference (0–10)"
          description="Optional; how much pain gets in the way"
          min={0}
          max={10}
          clampBehavior="strict"
          allowDecimal={false}
          value={props.interference ?? ''}
          onChange={(v) => props.onInterference(score(v))}
          w={280}
        />
      </Group>
    </Stack>
  );
}

function SessionTable({
  sessions,
  zone,
}: {
  sessions: { chairName?: string | null; startsAt: string; endsAt: string }[];
  zone: string;
}) {
  return (
    <Table verticalSpacing="xs" withTableBorder aria-label="Sessions">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={80}>Session</Table.Th>
          <Table.Th>Date</Table.Th>
          <Table.Th>Time</Table.Th>
          <Table.Th>Chair</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sessions.map((s, i) => (
          <Table.Tr key={s.startsAt}>
            <Table.Td>
              {i + 1} of {sessions.length}
            </Table.Td>
            <Table.Td>{formatClinicDate(s.startsAt, zone)}</Table.Td>
            <Table.Td>{formatClinicTimeRange(s.startsAt, s.endsAt, zone)}</Table.Td>
            <Table.Td>{s.chairName ?? '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Booked({
  course,
  plan,
  zone,
  onAnother,
}: {
  course: Course;
  plan: CoursePlanOption;
  zone: string;
  onAnother: () => void;
}) {
  const chairNames = new Map(plan.sessions.map((s) => [s.chairId, s.chairName]));
  const appointments = [...(course.appointments ?? [])].sort((a, b) => a.sessionNumber - b.sessionNumber);
  const sessions = appointments.length
    ? appointments.map((a) => ({ ...a, chairName: a.chairName ?? (a.chairId ? chairNames.get(a.chairId) : null) }))
    : plan.sessions;
  const first = sessions[0];
  return (
    <Stack mt="lg" gap="md" data-testid="booking-done">
      <Alert color="green" variant="light" title="Course booked">
        All {sessions.length} session{sessions.length === 1 ? '' : 's'} are booked. Give the patient the dates below.
      </Alert>
      <Title order={3} size="h4">
        Sessions
      </Title>
      <SessionTable sessions={sessions} zone={zone} />
      <Group>
        {first && (
          <Button component={Link} to={`/board?date=${clinicDateOf(first.startsAt, zone)}&view=week`}>
            Show on the chair board
          </Button>
        )}
        <Button component={Link} to={`/patients/${course.patientId}`} variant="light">
          Open patient record
        </Button>
        <Button variant="default" onClick={onAnother}>
          Book another course
        </Button>
      </Group>
    </Stack>
  );
}
