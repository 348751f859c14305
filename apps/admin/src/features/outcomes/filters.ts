import type { GroupBy, OutcomesQuery } from './api/outcomes.api';

/** The dashboard's filter bar as the user set it; empty lists and nulls filter nothing. */
export interface OutcomeFilters {
  from: string;
  to: string;
  protocolKey: string[];
  /** Only with exactly one protocol: a version belongs to a protocol. */
  protocolVersion: number | null;
  painMechanism: string[];
  /** ICD-10 codes or their beginnings. */
  diagnosis: string[];
  route: string[];
  ageBand: string[];
  sex: string[];
  booster: 'ANY' | 'BOOSTER' | 'INITIAL';
}

export const NO_FILTERS: OutcomeFilters = {
  from: '',
  to: '',
  protocolKey: [],
  protocolVersion: null,
  painMechanism: [],
  diagnosis: [],
  route: [],
  ageBand: [],
  sex: [],
  booster: 'ANY',
};

type ListFilter = 'protocolKey' | 'painMechanism' | 'diagnosis' | 'route' | 'ageBand' | 'sex';
const LISTS: ListFilter[] = ['protocolKey', 'painMechanism', 'diagnosis', 'route', 'ageBand', 'sex'];

/** The API's query for the filters: only what narrows, so the query (and its cache key) stays minimal. */
export function toQuery(filters: OutcomeFilters): OutcomesQuery {
  const query: Record<string, unknown> = {};
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  for (const list of LISTS) if (filters[list].length > 0) query[list] = [...filters[list]];
  if (filters.protocolVersion !== null && filters.protocolKey.length === 1)
    query.protocolVersion = filters.protocolVersion;
  if (filters.booster !== 'ANY') query.booster = filters.booster === 'BOOSTER';
  return query as OutcomesQuery;
}

/**
 * The query comparing two values of a dimension within the other filters: the dimension's own
 * filter becomes the two values (the booster dimension has no list filter, so grouping it is enough).
 */
export function comparisonQuery(
  filters: OutcomeFilters,
  by: GroupBy,
  values: readonly [string, string],
): OutcomesQuery {
  const query = { ...toQuery(filters), groupBy: by } as Record<string, unknown>;
  if (by === 'booster') delete query.booster;
  else if (by === 'protocol') {
    query.protocolKey = [...values];
    delete query.protocolVersion;
  } else query[by] = [...values];
  return query as OutcomesQuery;
}

/** ICD-10 codes typed as "G57, M79.7": trimmed, upper-cased, empty parts dropped (the API checks each). */
export function parseDiagnoses(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((code) => code.trim().toUpperCase())
    .filter((code) => code.length > 0);
}
