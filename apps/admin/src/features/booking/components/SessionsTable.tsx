import { Table } from '@mantine/core';
import { formatClinicDate, formatClinicTimeRange } from '../../clinic/time';

export interface SessionRow {
  chairId?: string | null;
  chairName?: string | null;
  startsAt: string;
  endsAt: string;
}

interface SessionsTableProps {
  sessions: SessionRow[];
  zone: string;
  label: string;
  /** Inside a plan card: smaller, without borders. */
  compact?: boolean;
  /** The course's session numbers of these rows and its session count, when they are part of a course. */
  numbering?: { numbers: number[]; of: number };
}

/** Every session of a course: number, clinic-local date and time, chair. */
export function SessionsTable({ sessions, zone, label, compact = false, numbering }: SessionsTableProps) {
  return (
    <Table
      aria-label={label}
      verticalSpacing={compact ? 4 : 'xs'}
      horizontalSpacing="sm"
      withTableBorder={!compact}
      withRowBorders={!compact}
      fz={compact ? 'sm' : undefined}
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={90}>Session</Table.Th>
          <Table.Th>Date</Table.Th>
          <Table.Th>Time</Table.Th>
          <Table.Th>Chair</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sessions.map((s, i) => (
          <Table.Tr key={`${s.chairId ?? ''}-${s.startsAt}`}>
            <Table.Td c={compact ? 'dimmed' : undefined}>
              {numbering ? (numbering.numbers[i] ?? '—') : i + 1} of {numbering?.of ?? sessions.length}
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
