import { Box, ScrollArea, Table, Text } from '@mantine/core';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';
import type { CurveStep } from '../api/outcomes.api';
import { groupLabel } from '../labels';
import { curvePoints, survivalOn } from '../series';

/** Plain colours (not CSS variables) so a saved image carries them. */
export const SERIES_COLORS = ['#1971c2', '#e8590c', '#2f9e44', '#9c36b5', '#c2255c', '#0c8599'];

export interface CurveSeries {
  group: string;
  steps: readonly CurveStep[];
}

const percent = (v: number) => `${Math.round(v * 100)}%`;
// Four-week ticks: the milestones follow-ups are taken at (28, 56, 84 … days).
const TICK_DAYS = 28;

/** A day marked on the chart (a patient's day), with a dot where the first curve is on it. */
export interface DayMark {
  day: number;
  label: string;
  color: string;
}

/**
 * Kaplan–Meier curves of the share still with relief by day after the course, as step lines over
 * their shaded 95 % bands; optionally a patient's days marked on the first curve.
 */
export function ReliefChart({
  series,
  protocolNames = new Map(),
  marks = [],
  height = 320,
  label = 'Still with relief by day after the course',
}: {
  series: readonly CurveSeries[];
  protocolNames?: ReadonlyMap<string, string>;
  marks?: readonly DayMark[];
  height?: number;
  label?: string;
}) {
  const latest = Math.max(
    TICK_DAYS,
    ...series.flatMap((s) => s.steps.map((step) => step.time)),
    ...marks.map((m) => m.day),
  );
  const lastDay = Math.ceil(latest / TICK_DAYS) * TICK_DAYS;
  const ticks = Array.from({ length: lastDay / TICK_DAYS + 1 }, (_, i) => i * TICK_DAYS);
  return (
    <Box h={height} role="img" aria-label={label} data-testid="relief-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart margin={{ top: 12, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#dee2e6" />
          <XAxis
            dataKey="day"
            type="number"
            domain={[0, lastDay]}
            ticks={ticks}
            allowDuplicatedCategory={false}
            tick={{ fontSize: 12, fill: '#495057' }}
            label={{
              value: 'Days after the last session',
              position: 'insideBottom',
              offset: -2,
              fontSize: 12,
              fill: '#495057',
            }}
            height={40}
          />
          <YAxis
            domain={[0, 1]}
            ticks={[0, 0.25, 0.5, 0.75, 1]}
            tickFormatter={percent}
            width={48}
            tick={{ fontSize: 12, fill: '#495057' }}
          />
          {series.map((s, index) => {
            const color = SERIES_COLORS[index % SERIES_COLORS.length];
            const points = curvePoints(s.steps);
            return [
              <Area
                key={`${s.group}-band`}
                data={points}
                dataKey="band"
                type="stepAfter"
                stroke="none"
                fill={color}
                fillOpacity={0.15}
                isAnimationActive={false}
                legendType="none"
                name={`${groupLabel(s.group, protocolNames)} 95 % band`}
              />,
              <Line
                key={`${s.group}-line`}
                data={points}
                dataKey="survival"
                type="stepAfter"
                stroke={color}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
                name={groupLabel(s.group, protocolNames)}
              />,
            ];
          })}
          {series[0] &&
            marks.flatMap((m, index) => {
              // A label beside its line, on the side with room; a second mark's at the bottom so two never overlap.
              const side = m.day > lastDay / 2 ? 'Right' : 'Left';
              const curveEnd = series[0].steps.at(-1)?.time ?? 0;
              return [
                <ReferenceLine
                  key={`${m.label}-line`}
                  x={m.day}
                  stroke={m.color}
                  strokeDasharray="4 3"
                  label={{
                    value: m.label,
                    position: `inside${index % 2 ? 'Bottom' : 'Top'}${side}`,
                    fontSize: 12,
                    fill: m.color,
                  }}
                />,
                // Past the curve's last follow-up the estimate is not known: no dot there.
                m.day <= curveEnd && (
                  <ReferenceDot
                    key={`${m.label}-dot`}
                    x={m.day}
                    y={survivalOn(series[0].steps, m.day)}
                    r={5}
                    fill={m.color}
                    stroke="#ffffff"
                  />
                ),
              ];
            })}
          <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 13 }} />
        </ComposedChart>
      </ResponsiveContainer>
    </Box>
  );
}

/** The numbers at risk at fixed days, one row per curve, as survival papers print under the chart. */
export function AtRiskTable({
  days,
  rows,
  protocolNames,
}: {
  days: readonly number[];
  rows: readonly { group: string; counts: readonly (number | null)[] }[];
  protocolNames: ReadonlyMap<string, string>;
}) {
  if (rows.length === 0) return null;
  return (
    <ScrollArea type="auto" offsetScrollbars mt="xs">
      <Text size="xs" c="dimmed" fw={600} mb={4}>
        Number at risk
      </Text>
      <Table fz="xs" withRowBorders={false} aria-label="Number at risk" data-testid="at-risk-table" miw={480}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Day</Table.Th>
            {days.map((d) => (
              <Table.Th key={d} ta="right">
                {d}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, index) => (
            <Table.Tr key={row.group}>
              <Table.Td c={SERIES_COLORS[index % SERIES_COLORS.length]} fw={600} style={{ whiteSpace: 'nowrap' }}>
                {groupLabel(row.group, protocolNames)}
              </Table.Td>
              {row.counts.map((count, i) => (
                <Table.Td key={days[i]} ta="right">
                  {count ?? '—'}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
