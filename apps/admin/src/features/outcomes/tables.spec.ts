import type { Comparison, ReliefCurves } from './api/outcomes.api';
import { comparisonTable, curvesTable, formatCell } from './tables';

const shown = { code: 'SHOWN' as const, ruleId: 'outcomes.disclosure', shown: true, message: '30 in this group' };
const suppressed = {
  code: 'SUPPRESSED' as const,
  ruleId: 'outcomes.disclosure',
  shown: false,
  message: 'fewer than 5 patients',
};
const selection = {
  filters: {} as Record<string, never>,
  groupBy: 'painMechanism',
  asOf: '2026-12-03T12:00:00.000Z',
  suppressBelow: 5,
  smallGroupBelow: 20,
  reliefLine: 'MODERATE' as const,
};

describe('formatCell', () => {
  it('shows each kind of number as the table reads it', () => {
    expect(formatCell(0.4567, 'proportion')).toBe('45.7 %');
    expect(formatCell(0.45678, 'estimate')).toBe('0.457');
    expect(formatCell(-3.25, 'mean')).toBe('-3.3');
    expect(formatCell(0.00001, 'pValue')).toBe('< 0.0001');
    expect(formatCell(0.04321, 'pValue')).toBe('0.0432');
    expect(formatCell(14, 'days')).toBe('14');
    expect(formatCell(14.5, 'days')).toBe('14.5');
    expect(formatCell(null, 'count')).toBe('—');
    expect(formatCell('anxiety')).toBe('anxiety');
  });
});

describe('curvesTable', () => {
  it("has one row per step of each shown group, under the CSV's column names", () => {
    const answer: ReliefCurves = {
      selection,
      logRank: null,
      groups: [
        {
          group: 'NEUROPATHIC',
          disclosure: shown,
          subjects: 30,
          events: 2,
          median: null,
          steps: [
            {
              time: 3,
              atRisk: 30,
              events: 1,
              censored: 0,
              survival: 0.9667,
              standardError: 0.03,
              lower: 0.9,
              upper: 1,
            },
            {
              time: 9,
              atRisk: 25,
              events: 1,
              censored: 2,
              survival: 0.928,
              standardError: 0.05,
              lower: 0.84,
              upper: 1,
            },
          ],
          atRisk: [],
          reliefAt: [],
          outcomes: [],
        },
        {
          group: 'NOCICEPTIVE',
          disclosure: suppressed,
          subjects: null,
          events: null,
          median: null,
          steps: [],
          atRisk: [],
          reliefAt: [],
          outcomes: [],
        },
      ],
    };
    const table = curvesTable(answer);
    expect(table.columns.map((c) => c.key)).toEqual([
      'group',
      'time',
      'atRisk',
      'events',
      'censored',
      'survival',
      'lower',
      'upper',
    ]);
    expect(table.rows).toHaveLength(2);
    expect(table.rows[1]).toMatchObject({ group: 'NEUROPATHIC', time: 9, censored: 2, survival: 0.928, lower: 0.84 });
  });
});

describe('comparisonTable', () => {
  it('puts each shown group beside its observed and expected losses and the test', () => {
    const median = { time: 20, lower: 14, upper: 30 };
    const answer: Comparison = {
      selection,
      groups: [
        {
          group: 'NEUROPATHIC',
          disclosure: shown,
          subjects: 30,
          events: 20,
          median,
          firstQuartile: null,
          thirdQuartile: null,
        },
        {
          group: 'NOCIPLASTIC',
          disclosure: shown,
          subjects: 25,
          events: 15,
          median: null,
          firstQuartile: null,
          thirdQuartile: null,
        },
        {
          group: 'NOCICEPTIVE',
          disclosure: suppressed,
          subjects: null,
          events: null,
          median: null,
          firstQuartile: null,
          thirdQuartile: null,
        },
      ],
      logRank: {
        groups: [
          { group: 'NEUROPATHIC', subjects: 30, observed: 20, expected: 16.5 },
          { group: 'NOCIPLASTIC', subjects: 25, observed: 15, expected: 18.5 },
        ],
        chiSquare: 1.6,
        degreesOfFreedom: 1,
        pValue: 0.2059,
        excludedGroups: ['NOCICEPTIVE'],
      },
    };
    expect(comparisonTable(answer).rows).toEqual([
      {
        group: 'NEUROPATHIC',
        subjects: 30,
        events: 20,
        median: 20,
        medianLower: 14,
        medianUpper: 30,
        observed: 20,
        expected: 16.5,
        chiSquare: 1.6,
        pValue: 0.2059,
      },
      {
        group: 'NOCIPLASTIC',
        subjects: 25,
        events: 15,
        median: null,
        medianLower: null,
        medianUpper: null,
        observed: 15,
        expected: 18.5,
        chiSquare: 1.6,
        pValue: 0.2059,
      },
    ]);
  });
});
