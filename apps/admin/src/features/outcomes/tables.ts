import type {
  AdverseEvents,
  Boosters,
  Comparison,
  Completion,
  Medians,
  ReliefCurves,
  Responders,
  Scores,
} from './api/outcomes.api';

export type Cell = string | number | null;

/** A column named as the API's CSV names it, so the table and the downloaded file line up. */
export interface Column {
  key: string;
  label: string;
  kind?: 'proportion' | 'estimate' | 'days' | 'count' | 'mean' | 'text' | 'pValue';
}

export interface FigureTable {
  columns: Column[];
  rows: Record<string, Cell>[];
}

/** A cell as the table shows it: estimates to 3 places, proportions as percent, counts whole. */
export function formatCell(value: Cell, kind: Column['kind'] = 'text'): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'proportion':
      return `${(value * 100).toFixed(1)} %`;
    case 'estimate':
      return value.toFixed(3);
    case 'mean':
      return value.toFixed(1);
    case 'pValue':
      return value < 0.0001 ? '< 0.0001' : value.toFixed(4);
    case 'days':
    case 'count':
      return Number.isInteger(value) ? String(value) : value.toFixed(1);
    default:
      return String(value);
  }
}

const shown = <G extends { disclosure: { shown: boolean } }>(groups: readonly G[]) =>
  groups.filter((g) => g.disclosure.shown);

export function curvesTable(answer: ReliefCurves): FigureTable {
  return {
    columns: [
      { key: 'group', label: 'Group' },
      { key: 'time', label: 'Day', kind: 'days' },
      { key: 'atRisk', label: 'At risk', kind: 'count' },
      { key: 'events', label: 'Relief lost', kind: 'count' },
      { key: 'censored', label: 'Censored', kind: 'count' },
      { key: 'survival', label: 'Still with relief', kind: 'estimate' },
      { key: 'lower', label: '95 % lower', kind: 'estimate' },
      { key: 'upper', label: '95 % upper', kind: 'estimate' },
    ],
    rows: shown(answer.groups).flatMap((g) => g.steps.map((s) => ({ group: g.group, ...s }))),
  };
}

const interval = (prefix: string, label: string) => [
  { key: prefix, label, kind: 'days' as const },
  { key: `${prefix}Lower`, label: '95 % lower', kind: 'days' as const },
  { key: `${prefix}Upper`, label: '95 % upper', kind: 'days' as const },
];

export function mediansTable(answer: Medians): FigureTable {
  return {
    columns: [
      { key: 'group', label: 'Group' },
      { key: 'subjects', label: 'Courses', kind: 'count' },
      { key: 'events', label: 'Relief lost', kind: 'count' },
      ...interval('median', 'Median days'),
      { key: 'firstQuartile', label: 'First quartile', kind: 'days' },
      { key: 'thirdQuartile', label: 'Third quartile', kind: 'days' },
    ],
    rows: shown(answer.groups).map((g) => ({
      group: g.group,
      subjects: g.subjects,
      events: g.events,
      median: g.median?.time ?? null,
      medianLower: g.median?.lower ?? null,
      medianUpper: g.median?.upper ?? null,
      firstQuartile: g.firstQuartile?.time ?? null,
      thirdQuartile: g.thirdQuartile?.time ?? null,
    })),
  };
}

export type ResponderLine = 'moderate' | 'substantial' | 'points';

export function respondersTable(answer: Responders, line: ResponderLine): FigureTable {
  return {
    columns: [
      { key: 'group', label: 'Group' },
      { key: 'milestone', label: 'Milestone' },
      { key: 'assessed', label: 'Assessed', kind: 'count' },
      { key: `${line}Successes`, label: 'Responders', kind: 'count' },
      { key: `${line}Proportion`, label: 'Rate', kind: 'proportion' },
      { key: `${line}Lower`, label: '95 % lower', kind: 'proportion' },
      { key: `${line}Upper`, label: '95 % upper', kind: 'proportion' },
    ],
    rows: answer.groups.flatMap((g) =>
      g.milestones
        .filter((m) => m.disclosure.shown)
        .map((m) => ({
          group: g.group,
          milestone: m.milestone,
          assessed: m.assessed,
          [`${line}Successes`]: m[line]?.successes ?? null,
          [`${line}Proportion`]: m[line]?.proportion ?? null,
          [`${line}Lower`]: m[line]?.lower ?? null,
          [`${line}Upper`]: m[line]?.upper ?? null,
        })),
    ),
  };
}

export function scoresTable(answer: Scores): FigureTable {
  return {
    columns: [
      { key: 'group', label: 'Group' },
      { key: 'offsetDays', label: 'Day', kind: 'days' },
      { key: 'records', label: 'Records', kind: 'count' },
      { key: 'promisTMean', label: 'PROMIS T mean', kind: 'mean' },
      { key: 'promisTChange', label: 'PROMIS T change', kind: 'mean' },
      { key: 'promisTPaired', label: 'Paired', kind: 'count' },
      { key: 'phq9Mean', label: 'PHQ-9 mean', kind: 'mean' },
      { key: 'phq9Change', label: 'PHQ-9 change', kind: 'mean' },
      { key: 'phq9Paired', label: 'Paired', kind: 'count' },
    ],
    rows: answer.groups.flatMap((g) =>
      g.offsets.filter((o) => o.disclosure.shown).map(({ disclosure: _d, ...o }) => ({ group: g.group, ...o })),
    ),
  };
}

export function adverseEventsTable(answer: AdverseEvents): FigureTable {
  return {
    columns: [
      { key: 'group', label: 'Group' },
      { key: 'term', label: 'Term' },
      { key: 'grade', label: 'Grade', kind: 'count' },
      { key: 'events', label: 'Events', kind: 'count' },
      { key: 'per100Sessions', label: 'Per 100 sessions', kind: 'mean' },
      { key: 'sessionsWithSuccesses', label: 'Sessions with one', kind: 'count' },
      { key: 'totalSessions', label: 'Sessions', kind: 'count' },
      { key: 'sessionsWithProportion', label: 'Of sessions', kind: 'proportion' },
    ],
    rows: shown(answer.groups).flatMap((g) =>
      g.events.map((e) => ({
        group: g.group,
        term: e.term,
        grade: e.grade,
        events: e.events,
        per100Sessions: e.per100Sessions,
        sessionsWithSuccesses: e.sessions.successes,
        totalSessions: g.sessions,
        sessionsWithProportion: e.sessions.proportion,
      })),
    ),
  };
}

export function completionTable(answer: Completion): FigureTable {
  return {
    columns: [
      { key: 'group', label: 'Group' },
      { key: 'offsetDays', label: 'Follow-up day', kind: 'days' },
      { key: 'completedSuccesses', label: 'With a record', kind: 'count' },
      { key: 'completedTrials', label: 'Windows closed', kind: 'count' },
      { key: 'completedProportion', label: 'Completed', kind: 'proportion' },
      { key: 'completedLower', label: '95 % lower', kind: 'proportion' },
      { key: 'completedUpper', label: '95 % upper', kind: 'proportion' },
    ],
    rows: answer.groups.flatMap((g) =>
      g.offsets
        .filter((o) => o.disclosure.shown)
        .map((o) => ({
          group: g.group,
          offsetDays: o.offsetDays,
          completedSuccesses: o.completed?.successes ?? null,
          completedTrials: o.completed?.trials ?? null,
          completedProportion: o.completed?.proportion ?? null,
          completedLower: o.completed?.lower ?? null,
          completedUpper: o.completed?.upper ?? null,
        })),
    ),
  };
}

export function boostersTable(answer: Boosters): FigureTable {
  return {
    columns: [
      { key: 'group', label: 'Group' },
      { key: 'patients', label: 'Patients', kind: 'count' },
      { key: 'boosters', label: 'Boosters', kind: 'count' },
      { key: 'boostersPerPatient', label: 'Per patient', kind: 'mean' },
      { key: 'patientsWithBoosterProportion', label: 'Patients with one', kind: 'proportion' },
      { key: 'initialCourses', label: 'Initial courses', kind: 'count' },
      ...interval('medianDaysToFirstBooster', 'Median days to first'),
    ],
    rows: shown(answer.groups).map((g) => ({
      group: g.group,
      patients: g.patients,
      boosters: g.boosters,
      boostersPerPatient: g.boostersPerPatient,
      patientsWithBoosterProportion: g.patientsWithBooster?.proportion ?? null,
      initialCourses: g.initialCourses,
      medianDaysToFirstBooster: g.medianDaysToFirstBooster?.time ?? null,
      medianDaysToFirstBoosterLower: g.medianDaysToFirstBooster?.lower ?? null,
      medianDaysToFirstBoosterUpper: g.medianDaysToFirstBooster?.upper ?? null,
    })),
  };
}

export function comparisonTable(answer: Comparison): FigureTable {
  const test = answer.logRank;
  return {
    columns: [
      { key: 'group', label: 'Group' },
      { key: 'subjects', label: 'Courses', kind: 'count' },
      { key: 'events', label: 'Relief lost', kind: 'count' },
      ...interval('median', 'Median days'),
      { key: 'observed', label: 'Observed', kind: 'count' },
      { key: 'expected', label: 'Expected', kind: 'mean' },
      { key: 'chiSquare', label: 'Chi-square', kind: 'estimate' },
      { key: 'pValue', label: 'p', kind: 'pValue' },
    ],
    rows: shown(answer.groups).map((g) => {
      const tested = test?.groups.find((t) => t.group === g.group);
      return {
        group: g.group,
        subjects: g.subjects,
        events: g.events,
        median: g.median?.time ?? null,
        medianLower: g.median?.lower ?? null,
        medianUpper: g.median?.upper ?? null,
        observed: tested?.observed ?? null,
        expected: tested?.expected ?? null,
        chiSquare: test?.chiSquare ?? null,
        pValue: test?.pValue ?? null,
      };
    }),
  };
}
