// The follow-up questions as the inputs hold them, and the same record as the domain checks it.
// Every question starts unanswered: an empty answer is never sent as "no", "none" or 0, so the
// domain's "required" rules (the ones the API enforces) say what is still to ask.
import {
  BLADDER_SYMPTOMS,
  PHQ9,
  PROMIS_PI_6A_ITEM_IDS,
  SUPPORTING_CARE,
  followUpRecordProblems,
  type FollowUpRecordInput,
  type FollowUpRecordProblem,
  type HomeDose,
  type ProtocolRoute,
} from '@cadence/domain';
import { DateTime } from 'luxon';
import { toFormPath } from '../../shared/forms';

export interface HomeDoseRow {
  /** The row's key on the form (and the dose's id, so a retried save sends the same one). */
  key: string;
  /** ORAL, INTRANASAL, IM or TOPICAL (the routes the API offers), '' until chosen. */
  route: string;
  /** As typed: a number or '' (never clamped; the domain says what is allowed). */
  mg: number | string;
  /** "yyyy-MM-ddTHH:mm" on the clinic's clock (a datetime-local input), '' until given. */
  takenAt: string;
}

export interface RecordValues {
  /** '' until chosen, '0'–'10' (the segmented pain scale). */
  painNrsNow: string;
  painNrs7DayAverage: string;
  /** PROMIS item id → '1'–'5'. */
  painInterference: Record<string, string>;
  /** PHQ-9 item id → '0'–'3'. */
  phq9: Record<string, string>;
  /** Symptom → 'yes' | 'no' | ''. */
  bladder: Record<string, string>;
  /** The supporting care ticked; `noSupportingCare` says "none" in so many words. */
  supportingCare: string[];
  noSupportingCare: boolean;
  /** 'yes' (rows below), 'no' (none taken), '' (not asked yet). */
  tookKetamineAtHome: '' | 'yes' | 'no';
  homeDoses: HomeDoseRow[];
  note: string;
}

export function emptyRecordValues(): RecordValues {
  const blank = (ids: readonly string[]) => Object.fromEntries(ids.map((id) => [id, '']));
  return {
    painNrsNow: '',
    painNrs7DayAverage: '',
    painInterference: blank(PROMIS_PI_6A_ITEM_IDS),
    phq9: blank(PHQ9.items.map((item) => item.id)),
    bladder: blank(BLADDER_SYMPTOMS),
    supportingCare: [],
    noSupportingCare: false,
    tookKetamineAtHome: '',
    homeDoses: [],
    note: '',
  };
}

/** A new dose row; `key` from newId() (kept out of here so the mapping stays plain). */
export function emptyHomeDose(key: string): HomeDoseRow {
  return { key, route: '', mg: '', takenAt: '' };
}

const answered = (value: string | undefined) => (value === undefined || value === '' ? undefined : Number(value));

function answers(values: Record<string, string>): Record<string, number | undefined> {
  return Object.fromEntries(Object.entries(values).map(([id, value]) => [id, answered(value)]));
}

/** mg as typed: '' is not given (NaN, so the domain names it), anything else the number it reads as. */
const typedMg = (value: number | string) => (value === '' ? Number.NaN : Number(value));

/** A datetime-local value on the clinic's clock → epoch ms (NaN when empty or not a time). */
export function clinicLocalToMs(value: string, zone: string): number {
  if (!value) return Number.NaN;
  const at = DateTime.fromISO(value, { zone });
  return at.isValid ? at.toMillis() : Number.NaN;
}

/** Epoch ms → the datetime-local value on the clinic's clock. */
export function msToClinicLocal(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat("yyyy-LL-dd'T'HH:mm");
}

/** The record as the domain reads it, taken at `recordedAtMs`. */
export function toRecordInput(values: RecordValues, recordedAtMs: number, zone: string): FollowUpRecordInput {
  const supportingCare =
    values.noSupportingCare || values.supportingCare.length > 0
      ? SUPPORTING_CARE.filter((care) => values.supportingCare.includes(care))
      : undefined;
  const homeDoses: HomeDose[] | undefined =
    values.tookKetamineAtHome === 'no'
      ? []
      : values.tookKetamineAtHome === 'yes'
        ? values.homeDoses.map((row) => ({
            kind: 'BOLUS',
            id: row.key,
            // An unchosen route reads as IV, which the domain refuses for a dose at home by name.
            route: (row.route || 'IV') as ProtocolRoute,
            mg: typedMg(row.mg),
            atMs: clinicLocalToMs(row.takenAt, zone),
          }))
        : undefined;
  return {
    recordedAtMs,
    painNrsNow: answered(values.painNrsNow) ?? null,
    painNrs7DayAverage: answered(values.painNrs7DayAverage) ?? null,
    painInterference: answers(values.painInterference),
    phq9: answers(values.phq9),
    bladder: Object.fromEntries(
      Object.entries(values.bladder).map(([symptom, value]) => [symptom, value === '' ? null : value === 'yes']),
    ),
    supportingCare,
    homeDoses,
    note: values.note.trim() === '' ? null : values.note,
  };
}

/**
 * The domain's field → this form's path: `homeDoses[0].mg` → `homeDoses.0.mg`; "none" answers sit
 * on their own question (`supportingCare`, `tookKetamineAtHome`); a dose list with no rows yet is
 * asked for on the question that opened it.
 */
export function recordFormPath(field: string): string {
  const path = toFormPath(field);
  if (path.startsWith('supportingCare.')) return 'supportingCare';
  if (path === 'homeDoses') return 'tookKetamineAtHome';
  if (path === 'recordedAt' || path === 'recordedAtMs') return 'recordedAt';
  return path.replace(/\.(atMs|at)$/, '.takenAt');
}

export type RecordErrors = Record<string, string>;

/** Problems by form path (one message per path), in the form's order. */
export function problemsByPath(problems: readonly FollowUpRecordProblem[]): RecordErrors {
  const errors: RecordErrors = {};
  for (const problem of problems) {
    const path = recordFormPath(problem.field);
    const message = problem.message.charAt(0).toUpperCase() + problem.message.slice(1);
    errors[path] = errors[path] ? `${errors[path]} ${message}` : message;
  }
  return errors;
}

/**
 * What to show beside the inputs: every problem once the user has tried to send; before that only
 * wrong answers (a missing one is not an error while the call goes on), and a typed field's only
 * after it was left, so a half-typed amount is not flagged mid-keystroke.
 */
export function visibleErrors(
  problems: readonly FollowUpRecordProblem[],
  strict: boolean,
  visited: ReadonlySet<string>,
): RecordErrors {
  const shown = problems.filter((problem) => {
    if (strict) return true;
    if (problem.rule === 'required') return false;
    const path = recordFormPath(problem.field);
    const typed = /^homeDoses\.\d+\.(mg|takenAt)$/.test(path) || path === 'note';
    return !typed || visited.has(path);
  });
  return problemsByPath(shown);
}

/** Every problem of the record now, as the API will check it. */
export function recordProblems(
  values: RecordValues,
  context: { nowMs: number; lastContactAtMs?: number | null; zone: string },
): FollowUpRecordProblem[] {
  return followUpRecordProblems(toRecordInput(values, context.nowMs, context.zone), {
    nowMs: context.nowMs,
    lastContactAtMs: context.lastContactAtMs ?? null,
  });
}

/** The order questions appear on the form, for moving to the first one with a problem. */
export function formOrder(): string[] {
  return [
    'painNrsNow',
    'painNrs7DayAverage',
    ...PROMIS_PI_6A_ITEM_IDS.map((id) => `painInterference.${id}`),
    ...PHQ9.items.map((item) => `phq9.${item.id}`),
    ...BLADDER_SYMPTOMS.map((symptom) => `bladder.${symptom}`),
    'supportingCare',
    'tookKetamineAtHome',
  ];
}

export const questionDomId = (path: string) => `follow-up-question-${path.replace(/\./g, '-')}`;
