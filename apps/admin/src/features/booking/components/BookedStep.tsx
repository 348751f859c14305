import { Alert, Button, Group, Stack, Title } from '@mantine/core';
import { Link } from 'react-router';
import { clinicDateOf } from '../../clinic/time';
import type { Course, CoursePlanOption } from '../api/booking.api';
import { SessionsTable } from './SessionsTable';

/** The booked course, as the API stored it, with where to go next. */
export function BookedStep({
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
      <Alert color="green" variant="light" title={course.boosterOfCourseId ? 'Booster booked' : 'Course booked'}>
        All {sessions.length} session{sessions.length === 1 ? '' : 's'} are booked. Give the patient the dates below.
      </Alert>
      <Title order={3} size="h4">
        Sessions
      </Title>
      <SessionsTable sessions={sessions} zone={zone} label="Booked sessions" />
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
