import { Card, Table, Text } from '@mantine/core';
import { formatClinicDateTime } from '../../clinic/time';
import { QueryError } from '../../../shared/QueryError';
import { useDoseLedger } from '../hooks/useDoseLedger';
import { formatMg } from '../mg';

const ROUTE_LABELS: Record<string, string> = {
  IV: 'IV',
  IM: 'IM',
  ORAL: 'Oral',
  INTRANASAL: 'Intranasal',
  TOPICAL: 'Topical',
};

/** Ketamine given over every route (home doses included) per rolling window, against the clinic's caps. */
export function DoseLedgerCard({ patientId, zone }: { patientId: string; zone: string }) {
  const ledger = useDoseLedger(patientId);
  if (ledger.isError)
    return <QueryError error={ledger.error} onRetry={() => ledger.refetch()} title="Could not load the dose ledger" />;
  if (!ledger.data) return null;
  const { byRoute, total, asOf } = ledger.data;
  const days = total.windows.map((w) => w.days);
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label="Cumulative dose">
      <Text fw={650} size="lg">
        Cumulative ketamine dose
      </Text>
      <Text size="sm" c="dimmed" mb="sm">
        Every route, home doses included · as of {formatClinicDateTime(asOf, zone)}
      </Text>
      <Table verticalSpacing={6} aria-label="Dose ledger">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Route</Table.Th>
            {days.map((d) => (
              <Table.Th key={d}>{d} days</Table.Th>
            ))}
            <Table.Th>All time</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {byRoute.map((row) => (
            <Table.Tr key={row.route}>
              <Table.Td>{ROUTE_LABELS[row.route] ?? row.route}</Table.Td>
              {days.map((d) => (
                <Table.Td key={d}>{formatMg(row.windows.find((w) => w.days === d)?.mg ?? 0)}</Table.Td>
              ))}
              <Table.Td>{formatMg(row.allTimeMg)}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr fw={650}>
            <Table.Td>Total</Table.Td>
            {total.windows.map((w) => (
              <Table.Td key={w.days} c={w.capMg !== null && w.mg > w.capMg ? 'red.8' : undefined}>
                {formatMg(w.mg)}
                <Text span size="xs" c="dimmed" fw={400}>
                  {w.capMg !== null ? ` of ${formatMg(w.capMg)}` : ' · no cap'}
                </Text>
              </Table.Td>
            ))}
            <Table.Td>{formatMg(total.allTimeMg)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {byRoute.length === 0 && (
        <Text size="sm" c="dimmed" mt="xs">
          No ketamine recorded yet.
        </Text>
      )}
    </Card>
  );
}
