import { Alert, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatDate } from '../../../shared/dates';
import { CenteredLoader } from '../../../shared/CenteredLoader';
import { QueryError } from '../../../shared/QueryError';
import { useClinicClock } from '../../clinic/hooks/useClinicClock';
import type { ReliefForecast } from '../api/outcomes.api';
import { daysBetween, expectedLossWhen } from '../forecast';
import { useReliefForecast } from '../hooks/useOutcomes';
import { groupLabel } from '../labels';
import { DisclosureNotices } from './FigureCard';
import { ReliefChart, type DayMark } from './ReliefChart';

/**
 * Where the patient sits on the clinic's own relief curve for their protocol and pain type, and
 * when their relief is expected to end, with its interval and the number of patients behind it.
 */
export function ForecastCard({ patientId }: { patientId: string }) {
  const forecast = useReliefForecast(patientId);
  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      component="section"
      aria-label="Relief forecast"
      data-testid="relief-forecast"
    >
      <Stack gap="sm">
        <Title order={2} size="h4">
          Relief forecast
        </Title>
        {forecast.isPending ? (
          <CenteredLoader label="Loading the relief forecast" />
        ) : forecast.isError ? (
          <QueryError error={forecast.error} onRetry={() => forecast.refetch()} title="Could not load the forecast" />
        ) : (
          <ForecastBody forecast={forecast.data} />
        )}
      </Stack>
    </Card>
  );
}

function ForecastBody({ forecast: f }: { forecast: ReliefForecast }) {
  const { today } = useClinicClock();
  const forecasting = f.code === 'FORECAST' || f.code === 'MEDIAN_NOT_REACHED';
  const todayDay = f.lastSessionOn ? daysBetween(f.lastSessionOn, today) : null;
  const marks: DayMark[] = [
    ...(f.heldToDay !== null
      ? [{ day: f.heldToDay, label: `Relief held to day ${f.heldToDay}`, color: '#2b8a3e' }]
      : []),
    ...(todayDay !== null && todayDay !== f.heldToDay
      ? [{ day: todayDay, label: `Today (day ${todayDay})`, color: '#c92a2a' }]
      : []),
  ];
  const curve = f.curve;
  return (
    <Stack gap="sm">
      {f.protocolName && (
        <Text size="sm" c="dimmed">
          {f.protocolName}
          {f.painMechanism ? ` · ${groupLabel(f.painMechanism)} pain` : ''}
          {f.lastSessionOn ? ` · last session ${formatDate(f.lastSessionOn)}` : ''}
        </Text>
      )}
      {forecasting ? (
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <Fact label="Relief expected to end" testId="forecast-expected">
            {f.expectedLossOn ? formatDate(f.expectedLossOn) : 'Not within the curve'}
            {f.expectedLossOn && (
              <Text span size="sm" c="dimmed" display="block">
                {expectedLossWhen(f.expectedLossOn, today)}
              </Text>
            )}
          </Fact>
          <Fact label="95 % interval" testId="forecast-interval">
            {formatDate(f.expectedLossLower)} – {f.expectedLossUpper ? formatDate(f.expectedLossUpper) : 'not reached'}
          </Fact>
          <Fact label="Patients behind it" testId="forecast-patients">
            {f.patientsBehind ?? '—'}
            <Text span size="sm" c="dimmed" display="block">
              still with relief after day {f.heldToDay}
            </Text>
          </Fact>
        </SimpleGrid>
      ) : null}
      {f.reasons
        .filter((r) => !forecasting || r.code !== 'FORECAST')
        .map((r) => (
          <Alert
            key={r.code + r.message}
            variant="light"
            color={forecasting ? 'blue' : 'gray'}
            p="xs"
            data-testid="forecast-reason"
          >
            <Text size="sm">{r.message}</Text>
          </Alert>
        ))}
      {curve && (
        <>
          <DisclosureNotices groups={[curve]} protocolNames={new Map()} />
          {curve.steps.length > 0 && (
            <>
              <Group gap="xs">
                <Text size="sm">
                  The clinic's curve for {curve.subjects} courses like this one
                  {f.curveAtDay !== null && f.heldToDay !== null
                    ? `: ${Math.round(f.curveAtDay * 100)} % still had relief on day ${f.heldToDay}`
                    : ''}
                </Text>
              </Group>
              <ReliefChart
                series={[{ group: curve.group, steps: curve.steps }]}
                protocolNames={new Map([[curve.group, 'Patients like this one']])}
                marks={marks}
                height={260}
                label="The clinic's relief curve for this protocol and pain type, with the patient's day marked"
              />
            </>
          )}
        </>
      )}
    </Stack>
  );
}

function Fact({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <div data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={650} size="lg" component="div">
        {children}
      </Text>
    </div>
  );
}
