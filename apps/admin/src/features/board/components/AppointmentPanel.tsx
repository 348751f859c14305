import { Alert, Anchor, Badge, Button, Divider, Drawer, Group, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, describeError } from '../../../api/problem';
import { CenteredLoader } from '../../../shared/CenteredLoader';
import { PlanCard } from '../../booking/components/PlanCard';
import { STATUS_COLORS } from '../../booking/components/PatientCourses';
import { clinicToday, formatClinicDate, formatClinicTimeRange } from '../../clinic/time';
import type { BoardAppointment } from '../api/appointments.api';
import { useCancelAppointment, useMarkNoShow, useReschedule, useRescheduleOptions } from '../hooks/useBoard';

type Mode = 'view' | 'cancel' | 'reschedule' | 'no-show';

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
        message: 'Someone changed this appointment a moment ago. The board has been reloaded — check it, then try again.',
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
  return (
    <Drawer
      opened={!!appointment}
      onClose={onClose}
      position="right"
      size="md"
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
        />
      )}
    </Drawer>
  );
}

function PanelBody({ appointment: a, zone, canChange, canMarkNoShow, onClose }: AppointmentPanelProps & { appointment: BoardAppointment }) {
  const [mode, setMode] = useState<Mode>('view');
  const [reason, setReason] = useState('');
  const today = clinicToday(zone);
  const [earliest, setEarliest] = useState(today);
  const [searchFrom, setSearchFrom] = useState<string | null>(null);
  const [choice, setChoice] = useState<string | null>(null);
  const cancel = useCancelAppointment();
  const noShow = useMarkNoShow();
  const reschedule = useReschedule();
  const options = useRescheduleOptions(a.id, mode === 'reschedule' ? searchFrom : null);
  const live = a.status === 'BOOKED';
  const failure = cancel.error ?? noShow.error ?? reschedule.error;

  const done = (message: string) => {
    notifications.show({ color: 'green', title: 'Saved', message });
    onClose();
  };

  return (
    <Stack gap="md">
      <div>
        <Group gap="xs">
          <Text fw={700} size="lg">
            {a.patientName}
          </Text>
          <Badge color={STATUS_COLORS[a.status] ?? 'gray'} variant="light">
            {statusLabel(a.status)}
          </Badge>
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
          <Group gap="sm">
            {canChange && (
              <Button variant="light" onClick={() => setMode('reschedule')}>
                Reschedule
              </Button>
            )}
            {canMarkNoShow && (
              <Button variant="default" onClick={() => setMode('no-show')}>
                Mark no-show
              </Button>
            )}
            {canChange && (
              <Button variant="light" color="red" onClick={() => setMode('cancel')}>
                Cancel session
              </Button>
            )}
          </Group>
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
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-autofocus
          />
          <Group>
            <Button
              color="red"
              disabled={reason.trim().length < 3}
              loading={cancel.isPending}
              onClick={() =>
                cancel.mutate(
                  { id: a.id, version: a.version, reason: reason.trim() },
                  { onSuccess: () => done(`Session ${a.sessionNumber} for ${a.patientName} cancelled.`) },
                )
              }
            >
              Cancel session
            </Button>
            <Button variant="subtle" color="gray" onClick={() => setMode('view')}>
              Keep it
            </Button>
          </Group>
        </Stack>
      )}

      {mode === 'no-show' && (
        <Stack gap="sm">
          <Divider label="Mark as no-show" labelPosition="left" />
          <Text size="sm">The patient did not attend. The chair is freed; the rest of the course stays booked.</Text>
          <Group>
            <Button
              color="orange"
              loading={noShow.isPending}
              onClick={() =>
                noShow.mutate({ id: a.id, version: a.version }, { onSuccess: () => done(`${a.patientName} marked as no-show.`) })
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
          <Group align="flex-end" gap="sm">
            <TextInput
              label="Earliest date"
              type="date"
              min={today}
              value={earliest}
              onChange={(e) => setEarliest(e.currentTarget.value)}
              w={180}
            />
            <Button
              variant="light"
              onClick={() => {
                setChoice(null);
                reschedule.reset();
                if (searchFrom === earliest) void options.refetch();
                else setSearchFrom(earliest);
              }}
              loading={options.isFetching}
            >
              {searchFrom ? 'Search again' : 'Find times'}
            </Button>
            <Button variant="subtle" color="gray" onClick={() => setMode('view')}>
              Back
            </Button>
          </Group>
          {searchFrom !== null &&
            (options.isPending ? (
              <CenteredLoader label="Finding times" />
            ) : options.isError ? (
              <Alert color="red" variant="light" role="alert" title="Could not search">
                {describeError(options.error)}
              </Alert>
            ) : options.data.length === 0 ? (
              <Text c="dimmed" size="sm">
                No free time found. Try a later date.
              </Text>
            ) : (
              <Radio.Group value={choice} onChange={setChoice} aria-label="New times">
                <Stack gap="xs">
                  {options.data.map((plan, i) => (
                    <PlanCard key={i} plan={plan} rank={i + 1} zone={zone} value={String(i)} />
                  ))}
                </Stack>
              </Radio.Group>
            ))}
          {choice !== null && options.data?.[Number(choice)] && (
            <Button
              loading={reschedule.isPending}
              onClick={() => {
                const s = options.data?.[Number(choice)]?.sessions[0];
                if (!s) return;
                reschedule.mutate(
                  { id: a.id, version: a.version, chairId: s.chairId, startsAt: s.startsAt, endsAt: s.endsAt },
                  {
                    onSuccess: () =>
                      done(`Session ${a.sessionNumber} moved to ${formatClinicDate(s.startsAt, zone)}, ${formatClinicTimeRange(s.startsAt, s.endsAt, zone)}.`),
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
