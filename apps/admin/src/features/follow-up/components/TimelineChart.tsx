import { Box, Card, Group, Text } from '@mantine/core';
import { DateTime } from 'luxon';
import { minuteOf } from '../time';
import {
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { TimelineRow, TimelineView } from '../timeline';

const DAY_MS = 24 * 3600_000;
const COLORS = {
  average: 'var(--mantine-color-cadence-7)',
  now: 'var(--mantine-color-cadence-4)',
  session: 'var(--mantine-color-grape-6)',
  promis: 'var(--mantine-color-orange-7)',
  relief: 'var(--mantine-color-green-5)',
  mark: 'var(--mantine-color-gray-6)',
};

/**
 * Pain (NRS 0–10, left) and pain interference (PROMIS T, right) over time across every course,
 * booster, infusion and follow-up, with the relief periods shaded and a line where each course begins.
 */
export function TimelineChart({ view, zone }: { view: TimelineView; zone: string }) {
  const points = view.rows.map((row) => ({
    t: row.atMs,
    average: row.painAverage ?? undefined,
    now: row.painNow ?? undefined,
    before: row.painBefore ?? undefined,
    promis: row.promisT ?? undefined,
    row,
  }));
  const times = [...points.map((p) => p.t), ...view.bands.flatMap((b) => [b.fromMs, b.toMs])];
  const from = Math.min(...times) - 3 * DAY_MS;
  const to = Math.max(...times) + 3 * DAY_MS;
  const date = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat('d LLL yy');

  return (
    <Box data-testid="timeline-chart-block">
      <Box h={320} role="img" aria-label="Pain and pain interference over time" data-testid="timeline-chart">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={points} margin={{ top: 16, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={[from, to]}
              tickFormatter={date}
              tick={{ fontSize: 12 }}
              minTickGap={24}
            />
            <YAxis
              yAxisId="nrs"
              domain={[0, 10]}
              ticks={[0, 2, 4, 6, 8, 10]}
              width={36}
              tick={{ fontSize: 12 }}
              label={{ value: 'Pain NRS', angle: -90, position: 'insideLeft', fontSize: 12, dy: 30 }}
            />
            <YAxis
              yAxisId="t"
              orientation="right"
              // PI 6a T-scores run 41.1 to 76.3 (the raw 6 to 30 table).
              domain={[30, 80]}
              ticks={[30, 40, 50, 60, 70, 80]}
              width={44}
              tick={{ fontSize: 12 }}
              label={{ value: 'PROMIS T', angle: 90, position: 'insideRight', fontSize: 12, dy: -30 }}
            />
            {view.bands.map((band) => (
              <ReferenceArea
                key={band.courseId}
                yAxisId="nrs"
                x1={band.fromMs}
                x2={band.toMs}
                fill={COLORS.relief}
                fillOpacity={0.15}
                strokeOpacity={0}
                ifOverflow="extendDomain"
              />
            ))}
            {view.marks.map((mark) => (
              <ReferenceLine
                key={mark.courseId}
                yAxisId="nrs"
                x={mark.atMs}
                stroke={COLORS.mark}
                strokeDasharray="4 4"
                label={{
                  value: mark.label.split(' · ')[0],
                  position: 'insideTopLeft',
                  fontSize: 11,
                  fill: COLORS.mark,
                }}
              />
            ))}
            <Tooltip content={<PointTooltip zone={zone} />} />
            <Legend verticalAlign="bottom" height={32} wrapperStyle={{ fontSize: 12 }} />
            <Line
              yAxisId="nrs"
              dataKey="average"
              name="7-day average pain"
              stroke={COLORS.average}
              strokeWidth={2}
              connectNulls
              isAnimationActive={false}
              dot={{ r: 4 }}
            />
            <Line
              yAxisId="nrs"
              dataKey="now"
              name="Pain now"
              stroke={COLORS.now}
              strokeDasharray="5 4"
              connectNulls
              isAnimationActive={false}
              dot={{ r: 3 }}
            />
            <Scatter
              yAxisId="nrs"
              dataKey="before"
              name="Pain before an infusion"
              fill={COLORS.session}
              shape="diamond"
              isAnimationActive={false}
            />
            <Line
              yAxisId="t"
              dataKey="promis"
              name="Pain interference (T)"
              stroke={COLORS.promis}
              strokeWidth={2}
              connectNulls
              isAnimationActive={false}
              dot={{ r: 4 }}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </Box>
      <Group gap="xs" mt={4} wrap="nowrap" align="flex-start">
        <Box w={14} h={10} mt={3} bg="green.2" style={{ borderRadius: 2, flex: 'none' }} aria-hidden />
        <Text size="xs" c="dimmed">
          Relief held: the 7-day average pain at or above the clinic&apos;s responder line against the course&apos;s
          baseline, from the last session to the follow-up that found it lost, or to where the course is censored.
        </Text>
      </Group>
    </Box>
  );
}

type Point = { t: number; row: TimelineRow };

/** What a point is and its numbers, on the clinic's clock (in place of recharts' raw x and y values). */
function PointTooltip({ zone, active, payload }: { zone: string; active?: boolean; payload?: { payload?: Point }[] }) {
  const point = payload?.[0]?.payload;
  if (!active || !point) return null;
  const { row } = point;
  const lines = [
    row.painNow !== null ? `Pain now ${row.painNow}` : null,
    row.painAverage !== null
      ? `${row.kind === 'BASELINE' ? 'Baseline pain' : '7-day average'} ${row.painAverage}`
      : null,
    row.painBefore !== null ? `Pain before ${row.painBefore}` : null,
    row.painAfter !== null ? `Pain after ${row.painAfter}` : null,
    row.promisT !== null ? `Pain interference T ${row.promisT.toFixed(1)}` : null,
  ].filter(Boolean);
  return (
    <Card withBorder shadow="sm" padding="xs" radius="sm">
      <Text size="sm" fw={600}>
        {row.event}
      </Text>
      <Text size="xs" c="dimmed">
        {minuteOf(DateTime.fromMillis(point.t, { zone }))} · {row.courseLabel}
      </Text>
      {lines.map((line) => (
        <Text key={line} size="sm">
          {line}
        </Text>
      ))}
    </Card>
  );
}
