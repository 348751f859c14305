import type { Protocol, ProtocolRoute, ProtocolSetting } from '@cadence/domain';

export const ROUTE_LABELS: Record<ProtocolRoute, string> = {
  IV: 'IV',
  ORAL: 'Oral',
  INTRANASAL: 'Intranasal',
  IM: 'IM',
  TOPICAL: 'Topical',
};

export const SETTING_LABELS: Record<ProtocolSetting, string> = {
  CHAIR: 'Outpatient chair',
  BED: 'Inpatient bed',
  HOME: 'At home',
};

function hours(minutes: number): string {
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** "5 consecutive days · 4 h a session", in front-desk words. */
export function describePattern(protocol: Protocol): string {
  const p = protocol.pattern;
  const each = protocol.minutesPerSession > 0 ? ` · ${hours(protocol.minutesPerSession)} a session` : '';
  switch (p.kind) {
    case 'CONSECUTIVE_DAYS':
      return p.sessions === 1 ? `One session${each}` : `${p.sessions} consecutive days${each}`;
    case 'WEEKDAYS':
      return `${p.minSessions}–${p.maxSessions} sessions on weekdays${each}`;
    case 'EVERY_N_DAYS':
      return `${p.sessions} sessions, one every ${p.n} days${each}`;
    case 'CONTINUOUS':
      return `One continuous infusion of ${p.hours} h (days and nights)`;
    case 'NONE':
      return 'Nothing booked in the clinic; follow-ups only';
  }
}

/** The number of sessions a booking makes when the pattern fixes it; null when chosen at booking. */
export function fixedSessionCount(protocol: Protocol): number | null {
  const p = protocol.pattern;
  switch (p.kind) {
    case 'CONSECUTIVE_DAYS':
    case 'EVERY_N_DAYS':
      return p.sessions;
    case 'CONTINUOUS':
      return 1;
    case 'WEEKDAYS':
      return null;
    case 'NONE':
      return 0;
  }
}
