import type { Protocol, ProtocolDoseRange } from '@cadence/domain';
import { toFormPath } from '../../shared/forms';
import type { PublishProtocolBody, ProtocolRecord } from './api/protocols.api';

// A new version of a protocol starts as a copy of the current one; the editor changes its numbers
// and name, keeps its key, route, setting and pattern kind, and the API's domain validator judges
// the result. Its problems come back with paths inside the record (definition.caps.perCourseMg),
// which are also the editor's field paths.

type Num = number | string;

export interface VersionValues {
  name: string;
  minutesPerSession: Num;
  pattern: Record<string, Num | string>;
  doseRangeMgPerKgPerHour: { min: Num; max: Num } | null;
  doseRangeMgPerKgPerDose: { min: Num; max: Num } | null;
  caps: { perSessionMg: Num; perCourseMg: Num; cumulativeMg: Num };
  vitalsIntervalMinutes: Num;
  /** "7, 30, 90" */
  followUpOffsetsDays: string;
}

export function toVersionValues(protocol: Protocol): VersionValues {
  const range = (r: ProtocolDoseRange | null) => (r ? { min: r.min, max: r.max } : null);
  return {
    name: protocol.name,
    minutesPerSession: protocol.minutesPerSession,
    pattern: { ...protocol.pattern },
    doseRangeMgPerKgPerHour: range(protocol.doseRangeMgPerKgPerHour),
    doseRangeMgPerKgPerDose: range(protocol.doseRangeMgPerKgPerDose),
    caps: { ...protocol.caps },
    vitalsIntervalMinutes: protocol.vitalsIntervalMinutes ?? '',
    followUpOffsetsDays: protocol.followUpOffsetsDays.join(', '),
  };
}

/** What the admin typed, as numbers; an empty or unreadable entry is sent as it is for the API to name. */
const number = (value: Num): number | string => {
  if (typeof value === 'number') return value;
  const n = Number(value.trim());
  return value.trim() !== '' && Number.isFinite(n) ? n : value;
};

const numbers = <T extends Record<string, Num>>(rec: T) =>
  Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, k === 'kind' ? v : number(v)]));

export function toPublishBody(current: ProtocolRecord, values: VersionValues): PublishProtocolBody {
  const { version: _assigned, ...definition } = current.definition;
  const offsets = values.followUpOffsetsDays
    .split(/[,\s]+/)
    .filter(Boolean)
    .map((day) => number(day));
  return {
    key: current.key,
    name: values.name.trim(),
    route: current.route,
    setting: current.setting,
    definition: {
      ...definition,
      name: values.name.trim(),
      minutesPerSession: number(values.minutesPerSession),
      pattern: numbers(values.pattern),
      doseRangeMgPerKgPerHour: values.doseRangeMgPerKgPerHour && numbers(values.doseRangeMgPerKgPerHour),
      doseRangeMgPerKgPerDose: values.doseRangeMgPerKgPerDose && numbers(values.doseRangeMgPerKgPerDose),
      caps: numbers(values.caps),
      vitalsIntervalMinutes: values.vitalsIntervalMinutes === '' ? null : number(values.vitalsIntervalMinutes),
      followUpOffsetsDays: offsets,
    },
  };
}

const RANGES = ['doseRangeMgPerKgPerHour', 'doseRangeMgPerKgPerDose'];

/**
 * The editor's field for an API problem: `definition.caps.perCourseMg` → `caps.perCourseMg`; a whole
 * dose range → its max; one follow-up offset → the offsets field.
 */
export function versionErrorPath(field: string): string {
  const path = toFormPath(field.replace(/^definition\./, ''));
  if (RANGES.includes(path)) return `${path}.max`;
  if (path.startsWith('followUpOffsetsDays')) return 'followUpOffsetsDays';
  return path;
}

/** The paths the editor shows for `protocol`. */
export function versionFields(values: VersionValues): Set<string> {
  const fields = ['name', 'minutesPerSession', 'vitalsIntervalMinutes', 'followUpOffsetsDays'];
  for (const key of Object.keys(values.pattern)) if (key !== 'kind') fields.push(`pattern.${key}`);
  for (const range of RANGES) {
    if (values[range as 'doseRangeMgPerKgPerHour']) fields.push(`${range}.min`, `${range}.max`);
  }
  fields.push('caps.perSessionMg', 'caps.perCourseMg', 'caps.cumulativeMg');
  return new Set(fields);
}
