import { Card, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import type { AffectedAppointment } from '../api/clinic.api';

/** One panel of the clinic page. */
export function Section({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label={title}>
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

export const notifySaved = (message: string) => notifications.show({ color: 'green', title: 'Saved', message });

export const bookedSessions = (n: number) => `${n} booked session${n === 1 ? '' : 's'}`;

/** The bookings the last change stranded or left over the nurse ratio, with a heading naming the change. */
export type Stranded = { title: string; appointments: AffectedAppointment[] } | null;

export const overRatio = (appointments: AffectedAppointment[]): Stranded => ({
  title: `${bookedSessions(appointments.length)} now over the nurse ratio`,
  appointments,
});
