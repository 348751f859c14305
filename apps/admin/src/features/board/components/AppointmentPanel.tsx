import {
  Alert,
  Anchor,
  Badge,
  Button,
  Divider,
  Drawer,
  Group,
  Radio,
  Skeleton,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, describeError } from '../../../api/problem';
import { CenteredLoader } from '../../../shared/CenteredLoader';
import { PlanCard } from '../../booking/components/PlanCard';
import { STATUS_COLORS } from '../../booking/components/PatientCourses';
import { useClinicClock } from '../../clinic/hooks/useClinicClock';
import { formatClinicDate, formatClinicTime, formatClinicTimeRange } from '../../clinic/time';
import { usePatient } from '../../patients/hooks/usePatients';
import type { BoardAppointment } from '../api/appointments.api';
import { useCancelAppointment, useMarkNoShow, useReschedule, useRescheduleOptions } from '../hooks/useBoard';
import { toMoveWords } from '../to-move';
import { inClinicDates, OtherDayMove } from './OtherDayMove';
import { ReplanCourse } from './ReplanCourse';
import { hasStarted } from '@cadence/domain';

type Mode = 'view' | 'cancel' | 'reschedule' | 'other-day' | 'replan' | 'no-show';

/** The API's shortest cancel reason is "not blank"; three letters keeps out a stray keypress. */
export const MIN_CANCEL_REASON = 3;

interface AppointmentPanelProps {
  appointment: BoardAppointment | null;
  zone: string;
  canChange: boolean;
  canMarkNoShow: boolean;
  onClose: () => void;
}

/** A change the API refused, in words the desk can act on. Nothing is retried. */
function changeProblem(error: unknown): { title: string; message: string } {
  if (error instanceof ApiError && error.status === 409) {
    if (error.code === 'STALE_VERSION') {
      return {
        title: 'Changed at another desk',
        message:
          'Someone changed this appointment a moment ago. The board has been reloaded — check it, then try again.',
      };
    }
    if (error.code === 'SLOT_TAKEN' || error.code === 'PLAN_INFEASIBLE') {
      return { title: 'That slot was just taken', message: 'Nothing was changed. Search again for fresh times.' };
    }
  }
  return { title: 'Not changed', message: describeError(error) };
}

const statusLabel = (s: string) => (s === 'NO_SHOW' ? 'No-show' : s.charAt(0) + s.slice(1).toLowerCase());

export function AppointmentPanel({ appointment, zone, canChange, canMarkNoShow, onClose }: AppointmentPanelProps) {
  // Changing days lists several sessions, each with date, time and chair: the panel widens for them.
  const [wide, setWide] = useState(false);
  return (
    <Drawer
      opened={!!appointment}
      onClose={onClose}
      position="right"
      size={wide ? 'lg' : 'md'}
      title={<Text fw={650}>Appointment</Text>}
    >
      {appointment && (
        <PanelBody
          key={appointment.id}
          appointment={appointment}
          zone={zone}
          canChange={canChange}
          canMarkNoShow={canMarkNoShow}
          onClose={onClose}
          onWide={setWide}
        />
      )}
    </Drawer>
  );
}

/**
 * Whether the session has started, kept current while the panel is open: the API takes a no-show
 * only from the start time on, and a move or a cancellation only before it.
 */
function useHasStarted(startsAt: string): boolean {
  const clock = useClinicClock();
  const [now, setNow] = useState(() => clock.now().toMillis());
  const started = hasStarted({ start: startsAt }, now);
  useEffect(() => {
    if (started) return undefined;
    const timer = setInterval(() => setNow(clock.now().toMillis()), 15_000);
    return () => clearInterval(timer);
  }, [started, clock]);
  return started;
}

function PanelBody({
  appointment: a,
  zone,
  canChange,
  canMarkNoShow,
  onClose,
  onWide,
}: AppointmentPanelProps & { appointment: BoardAppointment; onWide: (wide: boolean) => void }) {
  const [mode, setMode] = useState<Mode>('view');
  useEffect(() => {
    onWide(mode === 'replan' || mode === 'other-day');
    return () => onWide(false);
  }, [mode, onWide]);
  const [reason, setReason] = useState('');
  const [searched, setSearched] = useState(false);
  const [choice, setChoice] = useState<string | null>(null);
  const started = useHasStarted(a.startsAt);
  // The board sends one "Given Family" string; the record gives the "Family, Given" used across the app.
  const patient = usePatient(a.patientId, { refetchOnWindowFocus: false });
  const name = patient.data ? `${patient.data.familyName}, ${patient.data.givenName}` : a.patientName;
  const cancel = useCancelAppointment();
  const noShow = useMarkNoShow();
  const reschedule = useReschedule();
  const options = useRescheduleOptions(a.id, mode === 'reschedule' && searched);
  // The API leaves out the slot the session already has.
  const moves = options.data?.plans ?? [];
  const closedDay = options.data?.reasons ?? [];
  const live = a.status === 'BOOKED';
  const failure = cancel.error ?? noShow.error ?? reschedule.error;
  const reasonMissing = reason.trim().length < MIN_CANCEL_REASON;
  // Before the start a session may be moved or cancelled; from the start on, only marked a no-show.
  const offersChange = canChange && !started;
  const offersNoShow = canMarkNoShow && started;

  const done = (message: string) => {
    notifications.show({ color: 'green', title: 'Saved', message });
    onClose();
  };

  return (
    <Stack gap="md">
      <div>
        <Group gap="xs">
          {patient.isPending ? (
            <Skeleton height={26} width={180} aria-label="Loading the patient's name" />
          ) : (
            <Text fw={700} size="lg">
              {name}
            </Text>
          )}
          <Badge color={STATUS_COLORS[a.status] ?? 'gray'} variant="light">
            {statusLabel(a.status)}
          </Badge>
          {a.toMove.length > 0 && (
            <Badge color="orange" variant="filled">
              To move: {toMoveWords(a.toMove)}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          MRN {a.mrn} ·{' '}
          <Anchor component={Link} to={`/patients/${a.patientId}`} size="sm">
            patient record
          </Anchor>
        </Text>
      </div>
      <Stack gap={4}>
        <Text fw={600}>{a.protocolName}</Text>
        <Text>
          Session {a.sessionNumber} of {a.sessionCount}
        </Text>
        <Text>{formatClinicDate(a.startsAt, zone)}</Text>
        <Text>
          {formatClinicTimeRange(a.startsAt, a.endsAt, zone)} · {a.chairName ?? 'no chair'}
        </Text>
      </Stack>

      {failure != null && (
        <Alert color="red" variant="light" role="alert" title={changeProblem(failure).title}>
          {changeProblem(failure).message}
        </Alert>
      )}

      {live && (canChange || canMarkNoShow) && mode === 'view' && (
        <>
          <Divider />
          {(offersChange || offersNoShow) && (
            <Group gap="sm">
              {offersChange && (
                <Button variant="light" onClick={() => setMode('reschedule')}>
                  Reschedule
                </Button>
              )}
              {offersChange && (
                <Button variant="light" onClick={() => setMode('other-day')}>
                  Move to another day
                </Button>
              )}
              {offersChange && (
                <Button variant="light" onClick={() => setMode('replan')}>
                  Re-plan from this session
                </Button>
              )}
              {offersNoShow && (
                <Button variant="default" onClick={() => setMode('no-show')}>
                  Mark no-show
                </Button>
              )}
              {offersChange && (
                <Button variant="light" color="red" onClick={() => setMode('cancel')}>
                  Cancel session
                </Button>
              )}
            </Group>
          )}
          {canMarkNoShow && !started && (
            <Text size="sm" c="dimmed">
              A no-show can be recorded from {formatClinicTime(a.startsAt, zone)}, once the session has started.
            </Text>
          )}
          {canChange && started && (
            <Text size="sm" c="dimmed">
              The session has started, so it can no longer be moved or cancelled.
            </Text>
          )}
        </>
      )}

      {mode === 'cancel' && (
        <Stack gap="sm">
          <Divider label="Cancel this session" labelPosition="left" />
          <Textarea
            label="Reason"
            description="Kept on the record; the other sessions of the course stay booked."
            required
            autosize
            minRows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-autofocus
          />
          <Group>
            <Button
              color="red"
              disabled={reasonMissing}
              loading={cancel.isPending}
              onClick={() =>
                cancel.mutate(
                  { id: a.id, version: a.version, reason: reason.trim() },
                  { onSuccess: () => done(`Session ${a.sessionNumber} for ${name} cancelled.`) },
                )
              }
            >
              Cancel session
            </Button>
            <Button variant="subtle" color="gray" onClick={() => setMode('view')}>
              Keep it
            </Button>
          </Group>
          {reasonMissing && (
            <Text size="sm" c="dimmed">
              Write a reason (at least {MIN_CANCEL_REASON} characters) to cancel.
            </Text>
          )}
        </Stack>
      )}

      {mode === 'other-day' && (
        <OtherDayMove
          appointment={a}
          zone={zone}
          onBack={() => setMode('view')}
          onDone={done}
          onReplan={() => setMode('replan')}
        />
      )}

      {mode === 'replan' && <ReplanCourse appointment={a} zone={zone} onBack={() => setMode('view')} onDone={done} />}

      {mode === 'no-show' && (
        <Stack gap="sm">
          <Divider label="Mark as no-show" labelPosition="left" />
          <Text size="sm">The patient did not attend. The chair is freed; the rest of the course stays booked.</Text>
          <Group>
            <Button
              color="orange"
              loading={noShow.isPending}
              onClick={() =>
                noShow.mutate({ id: a.id, version: a.version }, { onSuccess: () => done(`${name} marked as no-show.`) })
              }
            >
              Mark no-show
            </Button>
            <Button variant="subtle" color="gray" onClick={() => setMode('view')}>
              Back
            </Button>
          </Group>
        </Stack>
      )}

      {mode === 'reschedule' && (
        <Stack gap="sm">
          <Divider label="Move this session" labelPosition="left" />
          <Text size="sm">
            Other chairs and times on {formatClinicDate(a.startsAt, zone)}. To change the day, move the session to
            another day or re-plan the course from it.
          </Text>
          <Group gap="sm">
            <Button
              variant="light"
              onClick={() => {
                setChoice(null);
                reschedule.reset();
                if (searched) void options.refetch();
                else setSearched(true);
              }}
              loading={options.isFetching}
            >
              {searched ? 'Search again' : 'Find times'}
            </Button>
            <Button variant="subtle" color="gray" onClick={() => setMode('view')}>
              Back
            </Button>
          </Group>
          {searched &&
            (options.isPending ? (
              <CenteredLoader label="Finding times" />
            ) : options.isError ? (
              <Alert color="red" variant="light" role="alert" title="Could not search">
                {describeError(options.error)}
              </Alert>
            ) : moves.length === 0 && closedDay.length > 0 ? (
              <Alert color="orange" variant="light" title="The clinic is closed that day">
                {closedDay.map((r) => inClinicDates(r.message)).join(' ')}
              </Alert>
            ) : moves.length === 0 ? (
              <Text c="dimmed" size="sm">
                No other chair or time is free on this day.
              </Text>
            ) : (
              <Radio.Group value={choice} onChange={setChoice} aria-label="New times">
                <Stack gap="xs">
                  {moves.map((plan, i) => (
                    <PlanCard key={i} plan={plan} rank={i + 1} zone={zone} value={String(i)} />
                  ))}
                </Stack>
              </Radio.Group>
            ))}
          {choice !== null && moves[Number(choice)] && (
            <Button
              loading={reschedule.isPending}
              onClick={() => {
                const s = moves[Number(choice)]?.sessions[0];
                if (!s) return;
                reschedule.mutate(
                  { id: a.id, version: a.version, chairId: s.chairId, startsAt: s.startsAt, endsAt: s.endsAt },
                  {
                    onSuccess: () =>
                      done(
                        `Session ${a.sessionNumber} moved to ${formatClinicTimeRange(s.startsAt, s.endsAt, zone)}, ${s.chairName}.`,
                      ),
                  },
                );
              }}
            >
              Move session here
            </Button>
          )}
        </Stack>
      )}
    </Stack>
  );
}
