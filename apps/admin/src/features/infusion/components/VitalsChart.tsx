import { LineChart } from '@mantine/charts';
import { Card, SimpleGrid, Text } from '@mantine/core';
import type { VitalsThresholds } from '@cadence/domain';
import { chartPoints, thresholdLines, type ChartReading } from '../vitalsChart';

interface VitalsChartProps {
  readings: readonly ChartReading[];
  thresholds: VitalsThresholds;
  zone: string;
}

/** The flowsheet as it happens, with the session's alert limits drawn as lines. */
export function VitalsChart({ readings, thresholds, zone }: VitalsChartProps) {
  const data = chartPoints(readings, zone);
  const lines = thresholdLines(thresholds);
  const referenceLines = (list: typeof lines.circulation) => list.map((l) => ({ ...l, strokeDasharray: '6 4' }));
  const low = (values: number[]) => Math.min(...values);
  const high = (values: number[]) => Math.max(...values);
  const circulationValues = data.flatMap((p) => [p.systolic, p.diastolic, p.heartRate]).filter(isNumber);
  const breathingValues = data.flatMap((p) => [p.spo2, p.respiratoryRate]).filter(isNumber);
  const circulationLimits = lines.circulation.map((l) => l.y);
  const breathingLimits = lines.breathing.map((l) => l.y);
  if (data.length === 0) return null;

  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md" aria-label="Vitals chart">
      <Card withBorder padding="sm" radius="md">
        <Text fw={650} mb={4}>
          Blood pressure (mmHg) and heart rate (bpm)
        </Text>
        <LineChart
          h={240}
          data={data}
          dataKey="time"
          connectNulls
          curveType="linear"
          withLegend
          legendProps={{ verticalAlign: 'bottom', height: 28 }}
          yAxisProps={{
            domain: [
              Math.min(30, low([...circulationValues, ...circulationLimits]) - 10),
              Math.max(200, high([...circulationValues, ...circulationLimits]) + 10),
            ],
          }}
          series={[
            { name: 'systolic', label: 'Systolic', color: 'red.6' },
            { name: 'diastolic', label: 'Diastolic', color: 'orange.6' },
            { name: 'heartRate', label: 'Heart rate', color: 'grape.6' },
          ]}
          referenceLines={referenceLines(lines.circulation)}
        />
      </Card>
      <Card withBorder padding="sm" radius="md">
        <Text fw={650} mb={4}>
          SpO2 (%) and respiratory rate (/min)
        </Text>
        <LineChart
          h={240}
          data={data}
          dataKey="time"
          connectNulls
          curveType="linear"
          withLegend
          legendProps={{ verticalAlign: 'bottom', height: 28 }}
          yAxisProps={{
            domain: [0, Math.max(100, high([...breathingValues, ...breathingLimits]))],
          }}
          series={[
            { name: 'spo2', label: 'SpO2', color: 'blue.6' },
            { name: 'respiratoryRate', label: 'Respiratory rate', color: 'teal.6' },
          ]}
          referenceLines={referenceLines(lines.breathing)}
        />
      </Card>
    </SimpleGrid>
  );
}

const isNumber = (value: number | undefined): value is number => typeof value === 'number';
