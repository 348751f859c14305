import { Box } from '@mantine/core';
import { Bar, BarChart, CartesianGrid, ErrorBar, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { RateBar } from '../series';
import { SERIES_COLORS } from './ReliefChart';

/** Rates as bars (percent) with their 95 % Wilson intervals as error bars; a withheld bar is left out. */
export function RateChart({
  bars,
  label,
  axisLabel,
  height = 260,
}: {
  bars: readonly RateBar[];
  label: string;
  axisLabel?: string;
  height?: number;
}) {
  const data = bars.map((b) => ({ ...b, percent: b.percent ?? undefined, error: b.error ?? undefined }));
  return (
    <Box h={height} role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 20, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#dee2e6" />
          <XAxis
            dataKey="label"
            tick={{ fontSize: 12, fill: '#495057' }}
            interval={0}
            height={axisLabel ? 40 : 30}
            label={
              axisLabel
                ? { value: axisLabel, position: 'insideBottom', offset: -2, fontSize: 12, fill: '#495057' }
                : undefined
            }
          />
          <YAxis
            domain={[0, 100]}
            ticks={[0, 25, 50, 75, 100]}
            tickFormatter={(v: number) => `${v}%`}
            width={48}
            tick={{ fontSize: 12, fill: '#495057' }}
          />
          <Bar dataKey="percent" fill={SERIES_COLORS[0]} isAnimationActive={false} maxBarSize={64} name="Rate">
            <ErrorBar dataKey="error" width={10} stroke="#212529" strokeWidth={1.5} />
            <LabelList
              dataKey="percent"
              position="insideBottom"
              fill="#ffffff"
              fontSize={11}
              formatter={(v: unknown) => (typeof v === 'number' ? `${v.toFixed(0)}%` : '')}
            />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </Box>
  );
}
