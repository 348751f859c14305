import { Alert, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { CenteredLoader } from '../../../shared/CenteredLoader';
import { QueryError } from '../../../shared/QueryError';
import type { GroupBy } from '../api/outcomes.api';
import { comparisonQuery, type OutcomeFilters } from '../filters';
import { useOutcomeFigure } from '../hooks/useOutcomes';
import { COMPARE_BY, groupLabel } from '../labels';
import { atRiskRows } from '../series';
import { comparisonTable, formatCell } from '../tables';
import { DisclosureNotices, FigureCard } from './FigureCard';
import { AtRiskTable, ReliefChart } from './ReliefChart';

interface ComparisonFigureProps {
  filters: OutcomeFilters;
  protocolNames: ReadonlyMap<string, string>;
}

const DEFAULT_PAIR: [string, string] = ['NEUROPATHIC', 'NOCICEPTIVE'];

/** Two groups of a dimension within the other filters: their curves overlaid, the log-rank test between them. */
export function ComparisonFigure({ filters, protocolNames }: ComparisonFigureProps) {
  const [by, setBy] = useState<GroupBy>('painMechanism');
  const [pair, setPair] = useState<[string, string]>(DEFAULT_PAIR);
  const dimension = COMPARE_BY.find((d) => d.value === by) ?? COMPARE_BY[0];
  const values = dimension.values ?? [...protocolNames.keys()];
  const valueOptions = values.map((value) => ({ value, label: groupLabel(value, protocolNames) }));
  const ready = pair[0] !== '' && pair[1] !== '' && pair[0] !== pair[1];
  const query = comparisonQuery(filters, by, pair);
  const curves = useOutcomeFigure('relief-curves', query, ready);
  const comparison = useOutcomeFigure('comparison', query, ready);

  const choose = (next: GroupBy) => {
    setBy(next);
    const nextValues = COMPARE_BY.find((d) => d.value === next)?.values ?? [...protocolNames.keys()];
    setPair([nextValues[0] ?? '', nextValues[1] ?? '']);
  };

  const controls = (
    <Group gap="sm" wrap="wrap" align="flex-end" data-testid="comparison-controls">
      <Select
        label="Compare by"
        data={COMPARE_BY.map((d) => ({ value: d.value, label: d.label }))}
        value={by}
        onChange={(v) => v && choose(v as GroupBy)}
        allowDeselect={false}
        w={220}
      />
      <Select
        label="First group"
        data={valueOptions}
        value={pair[0] || null}
        onChange={(v) => setPair([v ?? '', pair[1]])}
        allowDeselect={false}
        w={220}
      />
      <Select
        label="Second group"
        data={valueOptions}
        value={pair[1] || null}
        onChange={(v) => setPair([pair[0], v ?? ''])}
        allowDeselect={false}
        w={220}
      />
    </Group>
  );

  const title = 'Group comparison';
  if (!ready || curves.isPending || comparison.isPending || curves.isError || comparison.isError) {
    return (
      <Card withBorder radius="md" padding="md" component="section" aria-label={title} data-testid="figure-comparison">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {title}
          </Title>
          {controls}
          {!ready ? (
            <Text c="dimmed">Choose two different groups to compare.</Text>
          ) : curves.isError || comparison.isError ? (
            <QueryError
              error={curves.error ?? comparison.error}
              onRetry={() => {
                void curves.refetch();
                void comparison.refetch();
              }}
              title="Could not load the comparison"
            />
          ) : (
            <CenteredLoader label="Loading the comparison" />
          )}
        </Stack>
      </Card>
    );
  }

  const shown = curves.data.groups.filter((g) => g.disclosure.shown);
  const test = comparison.data.logRank;
  const risk = atRiskRows(curves.data.groups);
  return (
    <FigureCard
      title={title}
      description="Relief curves of two groups overlaid, with the log-rank test of their difference"
      figure="comparison"
      query={query}
      table={comparisonTable(comparison.data)}
      protocolNames={protocolNames}
      notices={
        <Stack gap="xs">
          {controls}
          <DisclosureNotices groups={curves.data.groups} protocolNames={protocolNames} />
          {test && test.pValue !== null ? (
            <Alert variant="light" color="blue" p="xs" data-testid="log-rank">
              <Text size="sm">
                Log-rank χ² = {test.chiSquare.toFixed(2)} on {test.degreesOfFreedom} df, p ={' '}
                {formatCell(test.pValue, 'pValue')}
              </Text>
            </Alert>
          ) : (
            <Text size="sm" c="dimmed" data-testid="log-rank">
              No log-rank test: it needs two groups shown.
            </Text>
          )}
        </Stack>
      }
      chart={shown.length > 0 ? <ReliefChart series={shown} protocolNames={protocolNames} /> : undefined}
      below={<AtRiskTable days={risk.days} rows={risk.rows} protocolNames={protocolNames} />}
      testId="figure-comparison"
    />
  );
}
