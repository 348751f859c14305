import { Alert, List, Text } from '@mantine/core';
import { formatClinicDate } from '../../clinic/time';
import type { OpenCourse } from '../api/booking.api';

/** The patient's courses already booked or under way, said before another is booked. */
export function OpenCoursesAlert({ courses, zone }: { courses: OpenCourse[]; zone: string }) {
  if (courses.length === 0) return null;
  const underWay = courses.some((c) => c.code === 'COURSE_UNDER_WAY');
  return (
    <Alert
      color="orange"
      variant="light"
      role="alert"
      data-testid="open-courses"
      title={underWay ? 'This patient has a course under way' : 'This patient already has a course booked'}
    >
      <Text size="sm" mb={4}>
        Check with the prescriber before booking another course alongside it.
      </Text>
      <List size="sm" spacing={2}>
        {courses.map((c) => (
          <List.Item key={c.courseId}>
            {c.message} ({formatClinicDate(c.firstSessionAt, zone)} → {formatClinicDate(c.lastSessionAt, zone)})
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
