import { Box } from '@mantine/core';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { Scores } from '../api/outcomes.api';
import { SERIES_COLORS } from './ReliefChart';

/** Mean change from baseline in PROMIS Pain Interference T and in PHQ-9 at each follow-up day (lower is better). */
export function ScoresChart({ offsets }: { offsets: Scores['groups'][number]['offsets'] }) {
  const data = offsets
    .filter((o) => o.disclosure.shown)
    .map((o) => ({ day: o.offsetDays, promis: o.promisTChange ?? undefined, phq9: o.phq9Change ?? undefined }));
  return (
    <Box h={260} role="img" aria-label="Change in PROMIS T and PHQ-9 from baseline">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 12, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#dee2e6" />
          <XAxis
            dataKey="day"
            type="number"
            domain={['dataMin', 'dataMax']}
            ticks={data.map((d) => d.day)}
            tick={{ fontSize: 12, fill: '#495057' }}
            label={{ value: 'Follow-up day', position: 'insideBottom', offset: -2, fontSize: 12, fill: '#495057' }}
            height={40}
          />
          <YAxis width={40} tick={{ fontSize: 12, fill: '#495057' }} />
          <ReferenceLine y={0} stroke="#868e96" />
          <Line
            dataKey="promis"
            name="PROMIS T change"
            stroke={SERIES_COLORS[0]}
            strokeWidth={2}
            isAnimationActive={false}
            connectNulls
          />
          <Line
            dataKey="phq9"
            name="PHQ-9 change"
            stroke={SERIES_COLORS[1]}
            strokeWidth={2}
            isAnimationActive={false}
            connectNulls
          />
          <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 13 }} />
        </LineChart>
      </ResponsiveContainer>
    </Box>
  );
}
