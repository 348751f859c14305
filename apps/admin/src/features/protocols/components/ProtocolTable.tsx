import { Badge, Button, Table, Text, VisuallyHidden } from '@mantine/core';
import type { ProtocolRecord } from '../api/protocols.api';
import { describePattern, ROUTE_LABELS, SETTING_LABELS } from '../describe';

function doseRange(record: ProtocolRecord): string {
  const d = record.definition;
  if (d.doseRangeMgPerKgPerHour) return `${d.doseRangeMgPerKgPerHour.min}–${d.doseRangeMgPerKgPerHour.max} mg/kg/h`;
  if (d.doseRangeMgPerKgPerDose)
    return `${d.doseRangeMgPerKgPerDose.min}–${d.doseRangeMgPerKgPerDose.max} mg/kg a dose`;
  return '—';
}

/** The protocol catalogue, every stored version; courses keep the version they were booked with. */
export function ProtocolTable({
  protocols,
  onNewVersion,
}: {
  protocols: ProtocolRecord[];
  onNewVersion: (protocol: ProtocolRecord) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="Protocols">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Protocol</Table.Th>
            <Table.Th>Route</Table.Th>
            <Table.Th>Setting</Table.Th>
            <Table.Th>Sessions</Table.Th>
            <Table.Th>Dose range</Table.Th>
            <Table.Th>Caps (session / course / lifetime)</Table.Th>
            <Table.Th>Vitals</Table.Th>
            <Table.Th>Follow-up (days)</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {protocols.map((p) => (
            <Table.Tr key={p.id} style={{ opacity: p.active ? 1 : 0.55 }}>
              <Table.Td>
                <Text fw={600} size="sm">
                  {p.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {p.key} · version {p.version}{' '}
                  {!p.active && (
                    <Badge size="xs" color="gray">
                      retired
                    </Badge>
                  )}
                </Text>
              </Table.Td>
              <Table.Td>{ROUTE_LABELS[p.route] ?? p.route}</Table.Td>
              <Table.Td>{SETTING_LABELS[p.setting] ?? p.setting}</Table.Td>
              <Table.Td>{describePattern(p.definition)}</Table.Td>
              <Table.Td>{doseRange(p)}</Table.Td>
              <Table.Td>
                {p.definition.caps.perSessionMg} / {p.definition.caps.perCourseMg} / {p.definition.caps.cumulativeMg} mg
              </Table.Td>
              <Table.Td>
                {p.definition.vitalsIntervalMinutes ? `every ${p.definition.vitalsIntervalMinutes} min` : '—'}
              </Table.Td>
              <Table.Td>{p.definition.followUpOffsetsDays.join(', ') || '—'}</Table.Td>
              <Table.Td ta="right">
                {p.active && (
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => onNewVersion(p)}
                    aria-label={`New version of ${p.name}`}
                  >
                    New version
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
