import { api } from '../../../api/client';
import { unwrap } from '../../../api/problem';
import type { QueryParams, ResponseBody } from '../../../api/types';

export type OutcomesQuery = QueryParams<'/api/outcomes/relief-curves', 'get'>;
export type ComparisonQuery = QueryParams<'/api/outcomes/comparison', 'get'>;
export type GroupBy = NonNullable<OutcomesQuery['groupBy']>;

export type ReliefCurves = ResponseBody<'/api/outcomes/relief-curves', 'get'>;
export type ReliefGroup = ReliefCurves['groups'][number];
export type CurveStep = ReliefGroup['steps'][number];
export type Disclosure = ReliefGroup['disclosure'];
export type LogRank = NonNullable<ReliefCurves['logRank']>;
export type TimeWithInterval = NonNullable<ReliefGroup['median']>;
export type Medians = ResponseBody<'/api/outcomes/medians', 'get'>;
export type Responders = ResponseBody<'/api/outcomes/responders', 'get'>;
export type MilestoneRate = Responders['groups'][number]['milestones'][number];
export type Proportion = NonNullable<MilestoneRate['moderate']>;
export type Scores = ResponseBody<'/api/outcomes/scores', 'get'>;
export type AdverseEvents = ResponseBody<'/api/outcomes/adverse-events', 'get'>;
export type Completion = ResponseBody<'/api/outcomes/follow-up-completion', 'get'>;
export type Boosters = ResponseBody<'/api/outcomes/boosters', 'get'>;
export type Comparison = ResponseBody<'/api/outcomes/comparison', 'get'>;
export type ReliefForecast = ResponseBody<'/api/patients/{id}/relief-forecast', 'get'>;

/** The figures of /api/outcomes/*, by the last part of their path. */
export type OutcomeFigure =
  | 'relief-curves'
  | 'medians'
  | 'responders'
  | 'scores'
  | 'adverse-events'
  | 'follow-up-completion'
  | 'boosters'
  | 'comparison';

export interface FigureAnswers {
  'relief-curves': ReliefCurves;
  medians: Medians;
  responders: Responders;
  scores: Scores;
  'adverse-events': AdverseEvents;
  'follow-up-completion': Completion;
  boosters: Boosters;
  comparison: Comparison;
}

type FigurePath = `/api/outcomes/${OutcomeFigure}`;

export async function getFigure<F extends OutcomeFigure>(figure: F, query: OutcomesQuery): Promise<FigureAnswers[F]> {
  const path = `/api/outcomes/${figure}` as FigurePath;
  // Every figure takes the same filters; only the comparison requires groupBy, which its callers set.
  const answer = await api.GET(path as '/api/outcomes/relief-curves', { params: { query } });
  return unwrap(answer) as unknown as FigureAnswers[F];
}

/** The API's own CSV of a figure (the same numbers as its JSON), as text. */
export async function getFigureCsv(figure: OutcomeFigure, query: OutcomesQuery): Promise<string> {
  const path = `/api/outcomes/${figure}` as FigurePath;
  const answer = await api.GET(path as '/api/outcomes/relief-curves', {
    params: { query: { ...query, format: 'csv' } },
    parseAs: 'text',
  });
  return unwrap(answer) as unknown as string;
}

export async function getReliefForecast(patientId: string): Promise<ReliefForecast> {
  return unwrap(await api.GET('/api/patients/{id}/relief-forecast', { params: { path: { id: patientId } } }));
}
