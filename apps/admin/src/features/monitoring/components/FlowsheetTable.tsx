import { Badge, Card, ScrollArea, Table, Text } from '@mantine/core';
import { formatClinicTime } from '../../clinic/time';
import type { FlowsheetReading } from '../api/vitals.api';

const show = (value: number | null) => (value === null ? '—' : String(value));

/** Every reading, newest first; a reading entered in error stays, struck through, with its reason. */
export function FlowsheetTable({ readings, zone }: { readings: readonly FlowsheetReading[]; zone: string }) {
  const rows = readings.toSorted((a, b) => b.takenAt.localeCompare(a.takenAt));
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-label="Flowsheet">
      <Text fw={650} size="lg" mb="sm">
        Flowsheet
      </Text>
      {rows.length === 0 ? (
        <Text c="dimmed">No readings yet.</Text>
      ) : (
        <ScrollArea.Autosize mah={360} type="auto">
          <Table verticalSpacing={6} striped aria-label="Readings">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Time</Table.Th>
                <Table.Th>BP</Table.Th>
                <Table.Th>HR</Table.Th>
                <Table.Th>SpO2</Table.Th>
                <Table.Th>RR</Table.Th>
                <Table.Th>RASS</Table.Th>
                <Table.Th>Diss.</Table.Th>
                <Table.Th>Alerts</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr
                  key={r.id}
                  style={
                    r.voided ? { textDecoration: 'line-through', color: 'var(--mantine-color-dimmed)' } : undefined
                  }
                  data-testid="flowsheet-row"
                >
                  <Table.Td>{formatClinicTime(r.takenAt, zone)}</Table.Td>
                  <Table.Td>{r.systolic === null ? '—' : `${r.systolic}/${r.diastolic}`}</Table.Td>
                  <Table.Td>{show(r.heartRate)}</Table.Td>
                  <Table.Td>{show(r.spo2)}</Table.Td>
                  <Table.Td>{show(r.respiratoryRate)}</Table.Td>
                  <Table.Td>{r.rass === null ? '—' : r.rass > 0 ? `+${r.rass}` : String(r.rass)}</Table.Td>
                  <Table.Td>{show(r.dissociation)}</Table.Td>
                  <Table.Td>
                    {r.voided ? (
                      <Text size="xs">Entered in error: {r.voided.reason}</Text>
                    ) : (
                      r.alerts.map((a) => (
                        <Badge key={a.code} color="red" variant="light" size="sm" mr={4}>
                          {a.code.replace(/_/g, ' ').toLowerCase()}
                        </Badge>
                      ))
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
    </Card>
  );
}
