import { stringify } from 'csv-stringify/sync';
import type {
  AdverseEventsDto,
  BoostersDto,
  CompletionDto,
  ComparisonDto,
  MediansDto,
  ProportionDto,
  ReliefCurvesDto,
  RespondersDto,
  ScoresDto,
  TimeWithIntervalDto,
} from './dto/outcomes.dto';
import type { OutcomeFigure } from './outcomes.service';

type Cell = string | number | boolean | null | undefined;
type Row = Record<string, Cell>;

const prop = (name: string, p: ProportionDto | null): Row => ({
  [`${name}Successes`]: p?.successes,
  [`${name}Trials`]: p?.trials,
  [`${name}Proportion`]: p?.proportion,
  [`${name}Lower`]: p?.lower,
  [`${name}Upper`]: p?.upper,
});
const time = (name: string, t: TimeWithIntervalDto | null): Row => ({
  [name]: t?.time,
  [`${name}Lower`]: t?.lower,
  [`${name}Upper`]: t?.upper,
});

/**
 * Every figure's numbers as rows, one per point the JSON holds (a curve's step, a milestone's
 * rate, a term and grade), with the group and its disclosure on each row: the same numbers, none
 * rounded, so the CSV and the JSON agree value for value. A suppressed group keeps one row saying so.
 */
export function figureRows(figure: OutcomeFigure, answer: unknown): Row[] {
  switch (figure) {
    case 'relief-curves': {
      const a = answer as ReliefCurvesDto;
      return a.groups.flatMap((g) =>
        g.steps.length === 0
          ? [{ group: g.group, disclosure: g.disclosure.code }]
          : g.steps.map((s) => ({ group: g.group, disclosure: g.disclosure.code, ...s })),
      );
    }
    case 'medians':
    case 'comparison': {
      const a = answer as MediansDto | ComparisonDto;
      const test = 'logRank' in a ? a.logRank : null;
      return a.groups.map((g) => ({
        group: g.group,
        disclosure: g.disclosure.code,
        subjects: g.subjects,
        events: g.events,
        ...time('median', g.median),
        ...time('firstQuartile', g.firstQuartile),
        ...time('thirdQuartile', g.thirdQuartile),
        ...(test
          ? {
              observed: test.groups.find((t) => t.group === g.group)?.observed,
              expected: test.groups.find((t) => t.group === g.group)?.expected,
              chiSquare: test.chiSquare,
              degreesOfFreedom: test.degreesOfFreedom,
              pValue: test.pValue,
            }
          : {}),
      }));
    }
    case 'responders':
      return (answer as RespondersDto).groups.flatMap((g) =>
        g.milestones.map((m) => ({
          group: g.group,
          milestone: m.milestone,
          offsetDays: m.offsetDays,
          disclosure: m.disclosure.code,
          assessed: m.assessed,
          ...prop('moderate', m.moderate),
          ...prop('substantial', m.substantial),
          ...prop('points', m.points),
        })),
      );
    case 'scores':
      return (answer as ScoresDto).groups.flatMap((g) =>
        g.offsets.map(({ disclosure, ...o }) => ({ group: g.group, disclosure: disclosure.code, ...o })),
      );
    case 'adverse-events':
      return (answer as AdverseEventsDto).groups.flatMap((g) =>
        g.events.length === 0
          ? [{ group: g.group, disclosure: g.disclosure.code, totalSessions: g.sessions }]
          : g.events.map((e) => ({
              group: g.group,
              disclosure: g.disclosure.code,
              totalSessions: g.sessions,
              term: e.term,
              grade: e.grade,
              events: e.events,
              per100Sessions: e.per100Sessions,
              ...prop('sessionsWith', e.sessions),
            })),
      );
    case 'follow-up-completion':
      return (answer as CompletionDto).groups.flatMap((g) =>
        g.offsets.map((o) => ({
          group: g.group,
          offsetDays: o.offsetDays,
          disclosure: o.disclosure.code,
          ...prop('completed', o.completed),
        })),
      );
    case 'boosters':
      return (answer as BoostersDto).groups.map((g) => ({
        group: g.group,
        disclosure: g.disclosure.code,
        patients: g.patients,
        boosters: g.boosters,
        boostersPerPatient: g.boostersPerPatient,
        ...prop('patientsWithBooster', g.patientsWithBooster),
        initialCourses: g.initialCourses,
        ...time('medianDaysToFirstBooster', g.medianDaysToFirstBooster),
      }));
  }
}

/** The rows as RFC 4180 CSV with a header of every column any row has (csv-stringify). */
export function toCsv(rows: readonly Row[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  // Cells go in as strings: csv-stringify then only quotes, twice as fast as casting each cell
  // itself (a curve by protocol is thousands of rows), and the numbers keep every digit.
  return stringify(
    rows.map((r) => columns.map((c) => String(r[c] ?? ''))),
    { header: true, columns },
  );
}
