import { Badge, Card, Progress, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { formatClinicTime } from '../../clinic/time';
import type { SessionDosing } from '../api/dosing.api';
import { formatMg } from '../mg';

const KIND_LABELS: Record<string, string> = {
  START: 'Started',
  RATE: 'Rate changed',
  STOP: 'Stopped',
  BOLUS: 'Bolus given',
};
const CAP_LABELS: Record<string, string> = {
  SESSION: 'This session',
  COURSE: 'This course',
  CUMULATIVE: 'All time',
  WINDOW_30: '30 days',
  WINDOW_90: '90 days',
  WINDOW_365: '365 days',
};

/** The orders and what was given: each change with its time, and the caps with their totals. */
export function DosingPanel({ dosing, zone }: { dosing: SessionDosing; zone: string }) {
  const unit = dosing.form === 'INFUSION' ? 'mg/kg/h' : 'mg/kg';
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-label="Orders and doses">
      <Text fw={650} size="lg" mb="sm">
        Orders and doses
      </Text>
      <Stack gap="md">
        {dosing.orders.length === 0 ? (
          <Text c="dimmed">No order yet: a clinician orders the dose before the start.</Text>
        ) : (
          <Table verticalSpacing={6} aria-label="Orders">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Ordered</Table.Th>
                <Table.Th>Dose</Table.Th>
                <Table.Th>Planned</Table.Th>
                <Table.Th>Expected total</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {dosing.orders.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td>{formatClinicTime(o.orderedAt, zone)}</Table.Td>
                  <Table.Td>
                    {o.perKg} {unit} × {o.weightKg} kg ={' '}
                    {o.rateMgPerHour !== null ? `${o.rateMgPerHour} mg/h` : formatMg(o.doseMg ?? 0)}
                    {o.overrideReason && (
                      <Text size="xs" c="orange.8">
                        Override: {o.overrideReason}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{o.plannedMinutes !== null ? `${o.plannedMinutes} min` : '—'}</Table.Td>
                  <Table.Td>{formatMg(o.expectedMg)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {dosing.events.length > 0 && (
          <Table verticalSpacing={6} aria-label="Dose events">
            <Table.Tbody>
              {dosing.events.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td w={80}>{formatClinicTime(e.at, zone)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={e.kind === 'STOP' ? 'red' : 'cadence'}>
                      {KIND_LABELS[e.kind] ?? e.kind}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {e.rateMgPerHour !== null ? `${e.rateMgPerHour} mg/h` : e.mg !== null ? formatMg(e.mg) : ''}
                    {e.override && (
                      <Text size="xs" c="orange.8">
                        Override: {e.override.reason}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {dosing.caps.length > 0 && (
          <SimpleGrid cols={{ base: 2, md: 3 }} spacing="sm" aria-label="Caps">
            {dosing.caps.map((c) => (
              <div key={c.cap}>
                <Text size="sm" fw={600}>
                  {CAP_LABELS[c.cap] ?? c.cap}
                </Text>
                <Text size="sm">
                  {formatMg(c.totalMg)}
                  {c.capMg !== null ? ` of ${formatMg(c.capMg)}` : ' (no cap set)'}
                </Text>
                {c.capMg !== null && c.capMg > 0 && (
                  <Progress
                    value={Math.min(100, (c.totalMg / c.capMg) * 100)}
                    color={c.totalMg > c.capMg ? 'red' : 'cadence'}
                    size="sm"
                    aria-label={`${CAP_LABELS[c.cap] ?? c.cap}: ${formatMg(c.totalMg)} of ${formatMg(c.capMg)}`}
                  />
                )}
              </div>
            ))}
          </SimpleGrid>
        )}
      </Stack>
    </Card>
  );
}
