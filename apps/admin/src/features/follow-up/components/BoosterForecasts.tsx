import { Anchor, Card, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate } from '../../../shared/dates';
import type { BoosterQueue } from '../api/boosters.api';

export type BoosterForecastItem = BoosterQueue['forecasts'][number];

/**
 * Response-triggered boosters offered ahead of time: courses still responding whose relief the
 * clinic's curve expects to end before the next review, soonest first, each with its interval and n.
 */
export function BoosterForecasts({ items }: { items: readonly BoosterForecastItem[] }) {
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      component="section"
      aria-label="Relief forecast to end soon"
      data-testid="booster-forecasts"
    >
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4">
            Relief forecast to end soon
          </Title>
          <Text size="sm" c="dimmed">
            Patients still responding whose relief the clinic's own curve expects to end before the next review: offer
            the booster before that date.
          </Text>
        </div>
        {items.length === 0 ? (
          <Text c="dimmed">No patient's relief is forecast to end before the next review.</Text>
        ) : (
          <ScrollArea type="auto" offsetScrollbars>
            <Table striped fz="sm" aria-label="Relief forecasts" miw={640}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Patient</Table.Th>
                  <Table.Th>Offer a booster by</Table.Th>
                  <Table.Th>Relief expected to end</Table.Th>
                  <Table.Th>95 % interval</Table.Th>
                  <Table.Th>Relief held to</Table.Th>
                  <Table.Th ta="right">Patients behind it</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((f) => (
                  <Table.Tr key={f.courseId} data-testid="booster-forecast">
                    <Table.Td>
                      <Anchor component={Link} to={`/patients/${f.patient.id}`} fw={600}>
                        {f.patient.familyName}, {f.patient.givenName}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        MRN {f.patient.mrn} · {f.protocolKey}
                      </Text>
                    </Table.Td>
                    <Table.Td fw={600}>{formatDate(f.offerBy)}</Table.Td>
                    <Table.Td>{formatDate(f.expectedLossOn)}</Table.Td>
                    <Table.Td>
                      {formatDate(f.expectedLossLower)} –{' '}
                      {f.expectedLossUpper ? formatDate(f.expectedLossUpper) : 'not reached'}
                    </Table.Td>
                    <Table.Td>day {f.heldToDay}</Table.Td>
                    <Table.Td ta="right">{f.patientsBehind}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        )}
      </Stack>
    </Card>
  );
}
