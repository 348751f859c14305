import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { CenteredLoader } from '../../../shared/CenteredLoader';
import { hasAnyRole, useCurrentUser } from '../../auth/hooks/useSession';
import { BOOKING_ROLES } from '../roles';
import { QueryError } from '../../../shared/QueryError';
import { useClinicClock } from '../../clinic/hooks/useClinicClock';
import { formatClinicDate, formatClinicTimeRange } from '../../clinic/time';
import { patientCalendarUrl, type Course } from '../api/booking.api';
import { usePatientCourses } from '../hooks/useBooking';

export const STATUS_COLORS: Record<string, string> = {
  BOOKED: 'cadence',
  COMPLETED: 'gray',
  CANCELLED: 'red',
  NO_SHOW: 'orange',
};

/** The course a booster would follow: the completed one whose last session came last. */
function lastCompleted(courses: readonly Course[]): Course | undefined {
  const lastSession = (c: Course) => c.appointments.reduce((m, a) => (a.startsAt > m ? a.startsAt : m), '');
  return courses.filter((c) => c.status === 'COMPLETED').sort((a, b) => (lastSession(b) > lastSession(a) ? 1 : -1))[0];
}

const label = (status: string) => status.charAt(0) + status.slice(1).toLowerCase().replace(/_/g, '-');

/** The patient's courses and their sessions, with the calendar file for the patient's own diary. */
export function PatientCourses({ patientId }: { patientId: string }) {
  const courses = usePatientCourses(patientId);
  const { zone } = useClinicClock();
  // The calendar file is for handing to the patient at the front desk (the API allows schedulers).
  const canDownload = hasAnyRole(useCurrentUser(), BOOKING_ROLES);
  return (
    <Card withBorder radius="md" padding="lg">
      <Group justify="space-between" mb="md">
        <Title order={3} size="h4">
          Courses
        </Title>
        {canDownload && (courses.data?.length ?? 0) > 0 && (
          <Anchor href={patientCalendarUrl(patientId)} download size="sm">
            Download calendar (.ics)
          </Anchor>
        )}
      </Group>
      {courses.isPending ? (
        <CenteredLoader label="Loading courses" />
      ) : courses.isError ? (
        <QueryError error={courses.error} onRetry={() => courses.refetch()} title="Could not load courses" />
      ) : courses.data.length === 0 ? (
        <Text c="dimmed">No courses booked.</Text>
      ) : (
        <Stack gap="lg">
          {courses.data.map((course) => {
            const boostable = canDownload && course.id === lastCompleted(courses.data)?.id;
            const appointments = [...course.appointments].sort((a, b) => a.sessionNumber - b.sessionNumber);
            return (
              <div key={course.id} data-testid="patient-course">
                <Group gap="xs" mb={6}>
                  <Text fw={650}>{course.protocol.name}</Text>
                  <Badge variant="light" color={STATUS_COLORS[course.status] ?? 'gray'}>
                    {label(course.status)}
                  </Badge>
                  <Text size="sm" c="dimmed">
                    {course.sessionCount} session{course.sessionCount === 1 ? '' : 's'}
                    {course.boosterOfCourseId ? ' · booster' : ''}
                  </Text>
                  {boostable && (
                    <Button
                      component={Link}
                      to={`/booking?patient=${patientId}&boosterOf=${course.id}`}
                      size="compact-sm"
                      variant="light"
                      ml="auto"
                    >
                      Book a booster
                    </Button>
                  )}
                </Group>
                <Table verticalSpacing={4} fz="sm" aria-label="Course sessions">
                  <Table.Tbody>
                    {appointments.map((a) => (
                      <Table.Tr key={a.id} style={{ opacity: a.status === 'CANCELLED' ? 0.55 : 1 }}>
                        <Table.Td w={130} style={{ whiteSpace: 'nowrap' }}>
                          Session {a.sessionNumber} of {course.sessionCount}
                        </Table.Td>
                        <Table.Td>{formatClinicDate(a.startsAt, zone)}</Table.Td>
                        <Table.Td>{formatClinicTimeRange(a.startsAt, a.endsAt, zone)}</Table.Td>
                        <Table.Td>{a.chairName ?? '—'}</Table.Td>
                        <Table.Td>
                          {a.status !== 'BOOKED' && (
                            <Badge size="sm" variant="light" color={STATUS_COLORS[a.status] ?? 'gray'}>
                              {label(a.status)}
                            </Badge>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </div>
            );
          })}
        </Stack>
      )}
    </Card>
  );
}
