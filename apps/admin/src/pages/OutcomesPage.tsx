import { SimpleGrid, Stack } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { ComparisonFigure } from '../features/outcomes/components/ComparisonFigure';
import { FilterBar } from '../features/outcomes/components/FilterBar';
import {
  AdverseEventsFigure,
  BoostersFigure,
  CompletionFigure,
  MediansFigure,
  ReliefCurvesFigure,
  RespondersFigure,
  ScoresFigure,
} from '../features/outcomes/components/Figures';
import { NO_FILTERS, toQuery, type OutcomeFilters } from '../features/outcomes/filters';
import { useProtocols } from '../features/protocols/hooks/useProtocols';
import { PageHeader } from '../shared/PageHeader';

export function OutcomesPage() {
  const [filters, setFilters] = useState<OutcomeFilters>(NO_FILTERS);
  // Typing a date or a code asks once, when the typing stops.
  const [settled] = useDebouncedValue(filters, 300);
  const query = useMemo(() => toQuery(settled), [settled]);
  const protocols = useProtocols();
  const protocolNames = useMemo(() => new Map((protocols.data ?? []).map((p) => [p.key, p.name])), [protocols.data]);

  return (
    <>
      <PageHeader
        title="Outcomes"
        description="How long relief lasts, who responds, and how safe it is, for the courses the filters select"
      />
      <Stack gap="lg">
        <FilterBar filters={filters} onChange={setFilters} protocols={protocols.data ?? []} />
        <ReliefCurvesFigure query={query} protocolNames={protocolNames} />
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <MediansFigure query={query} protocolNames={protocolNames} />
          <BoostersFigure query={query} protocolNames={protocolNames} />
          <RespondersFigure query={query} protocolNames={protocolNames} />
          <CompletionFigure query={query} protocolNames={protocolNames} />
          <ScoresFigure query={query} protocolNames={protocolNames} />
          <AdverseEventsFigure query={query} protocolNames={protocolNames} />
        </SimpleGrid>
        <ComparisonFigure filters={settled} protocolNames={protocolNames} />
      </Stack>
    </>
  );
}
