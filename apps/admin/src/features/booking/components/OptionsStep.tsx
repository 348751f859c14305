import { Alert, Button, Group, Radio, Stack, Text } from '@mantine/core';
import { CenteredLoader } from '../../../shared/CenteredLoader';
import { formatDate } from '../../../shared/dates';
import { bookingProblem } from '../bookingErrors';
import type { CourseOptionsAnswer } from '../api/booking.api';
import type { OptionFilters } from '../wizard';
import { OpenCoursesAlert } from './OpenCoursesAlert';
import { OptionFiltersBar } from './OptionFiltersBar';
import { PlanCard } from './PlanCard';

interface OptionsStepProps {
  query: {
    isPending: boolean;
    isFetching: boolean;
    isError: boolean;
    error: unknown;
    data: CourseOptionsAnswer | undefined;
    refetch: () => unknown;
  };
  zone: string;
  earliest: string;
  selected: number | null;
  onSelect: (index: number) => void;
  filters: OptionFilters;
  resourceKind: 'CHAIR' | 'BED';
  onFiltersChange: (filters: OptionFilters) => void;
}

export function OptionsStep(props: OptionsStepProps) {
  const { query, zone, earliest, selected, onSelect } = props;
  const header = (
    <Stack gap="sm">
      <OptionFiltersBar filters={props.filters} kind={props.resourceKind} onChange={props.onFiltersChange} />
      {query.data && <OpenCoursesAlert courses={query.data.openCourses} zone={zone} />}
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed">
          Earliest first, from {formatDate(earliest)}, one option per day and part of the day. Times are the
          clinic&rsquo;s ({zone}); morning is before 12:00.
        </Text>
        <Button variant="default" size="sm" onClick={() => query.refetch()} loading={query.isFetching}>
          Search again
        </Button>
      </Group>
    </Stack>
  );
  if (query.isPending) return <CenteredLoader label="Finding course dates" />;
  if (query.isError) {
    const problem = bookingProblem(query.error);
    return (
      <Stack>
        {header}
        <Alert color="red" variant="light" role="alert" title="Could not search for dates">
          {problem.message}
        </Alert>
      </Stack>
    );
  }
  const plans = query.data?.plans ?? [];
  if (plans.length === 0) {
    return (
      <Stack>
        {header}
        <Alert color="yellow" variant="light" title="No dates found">
          The clinic has no room for every session of this course in the search window with these filters. Try another
          time of day or more weekdays, a later earliest date, or check closures and nurse shifts.
        </Alert>
      </Stack>
    );
  }
  return (
    <Stack gap="sm">
      {header}
      <Radio.Group
        value={selected === null ? null : String(selected)}
        onChange={(v) => onSelect(Number(v))}
        aria-label="Course options"
      >
        <Stack gap="sm" style={{ opacity: query.isFetching ? 0.6 : 1 }}>
          {plans.map((plan, i) => (
            <PlanCard
              key={plan.sessions.map((s) => s.chairId + s.startsAt).join('|')}
              plan={plan}
              rank={i + 1}
              zone={zone}
              value={String(i)}
            />
          ))}
        </Stack>
      </Radio.Group>
    </Stack>
  );
}
