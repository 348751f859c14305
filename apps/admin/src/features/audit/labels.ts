import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS } from '@cadence/domain';
import { DateTime } from 'luxon';
import type { AccessGroup, Role } from '../../api/types';
import { ROLE_LABELS } from '../auth/roles';

/** The action filter's choices, in the trail's order. */
export const AUDIT_ACTION_OPTIONS = AUDIT_ACTIONS.map((value) => ({ value, label: AUDIT_ACTION_LABELS[value] }));

/** "Nurse, Clinician"; nothing for the patient's own link or a scheduled job. */
export function rolesLabel(roles: readonly string[]): string {
  return roles.map((role) => ROLE_LABELS[role as Role] ?? role).join(', ');
}

/** "Read the patient record ×7": a group of repeated reads says how many. */
export function accessLine(group: Pick<AccessGroup, 'summary' | 'count'>): string {
  return group.count > 1 ? `${group.summary} ×${group.count}` : group.summary;
}

/** "3 Dec 2026, 14:02–14:09" for a group within a day, both ends past midnight, one time for a single event. */
export function accessWhen(group: Pick<AccessGroup, 'firstAt' | 'lastAt'>, zone: string): string {
  const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);
  const first = at(group.firstAt);
  const last = at(group.lastAt);
  const day = (d: DateTime) => d.toFormat('d LLL yyyy');
  // Within one minute the seconds tell the ends apart.
  const time = (d: DateTime) => d.toFormat(first.hasSame(last, 'minute') ? 'HH:mm:ss' : 'HH:mm');
  if (+first === +last) return `${day(first)}, ${first.toFormat('HH:mm')}`;
  if (first.hasSame(last, 'day')) return `${day(first)}, ${time(first)}–${time(last)}`;
  return `${day(first)}, ${time(first)} – ${day(last)}, ${time(last)}`;
}

/** The address of a CSV export: the same filter as the page, without its page. */
export function csvHref(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '' && key !== 'page' && key !== 'pageSize') params.set(key, String(value));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
