import { DateTime } from 'luxon';

const HOUR_MS = 3_600_000;

/**
 * A VTIMEZONE component for an IANA zone, listing every offset change between two years
 * (inclusive) as explicit onsets, computed from the zone database luxon reads. Calendar clients
 * then place TZID-qualified local times exactly, across daylight-saving changes, without relying
 * on their own copy of the zone.
 */
export function vtimezone(zone: string, fromYear: number, toYear: number): string {
  const start = DateTime.fromObject({ year: fromYear, month: 1, day: 1 }, { zone: 'utc' }).toMillis();
  const end = DateTime.fromObject({ year: toYear + 1, month: 1, day: 1 }, { zone: 'utc' }).toMillis();
  const at = (ms: number) => DateTime.fromMillis(ms, { zone });
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const first = at(start);
  lines.push(...component(first, first.offset, first.toMillis()));
  // Offsets change at most a few times a year: step by hours, then find the minute by bisection.
  for (let ms = start; ms < end; ms += 6 * HOUR_MS) {
    const before = at(ms).offset;
    if (at(ms + 6 * HOUR_MS).offset === before) continue;
    let lo = ms;
    let hi = ms + 6 * HOUR_MS;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (at(mid).offset === before) lo = mid;
      else hi = mid;
    }
    lines.push(...component(at(hi), before, hi));
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

/** One onset: DTSTART is the local time of the change, read in the offset in force before it. */
function component(after: DateTime, offsetBefore: number, ms: number): string[] {
  const kind = after.isInDST ? 'DAYLIGHT' : 'STANDARD';
  const onset = DateTime.fromMillis(ms, { zone: 'utc' }).plus({ minutes: offsetBefore });
  return [
    `BEGIN:${kind}`,
    `DTSTART:${onset.toFormat("yyyyMMdd'T'HHmmss")}`,
    `TZOFFSETFROM:${formatOffset(offsetBefore)}`,
    `TZOFFSETTO:${formatOffset(after.offset)}`,
    `TZNAME:${after.offsetNameShort ?? formatOffset(after.offset)}`,
    `END:${kind}`,
  ];
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}
