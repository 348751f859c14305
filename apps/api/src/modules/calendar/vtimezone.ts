import { tzlib_get_ical_block } from 'timezones-ical-library';

/**
 * The VTIMEZONE component for an IANA zone, from timezones-ical-library (generated from the IANA
 * database, as the zone's current yearly rules). Calendar clients then place TZID-qualified local
 * times exactly, across daylight-saving changes, without relying on their own copy of the zone.
 * Current rules suffice: the feed lists upcoming appointments only.
 */
export function vtimezone(zone: string): string {
  const block = tzlib_get_ical_block(zone);
  const component = Array.isArray(block) ? block[0] : undefined;
  if (!component) throw new Error(`No VTIMEZONE is known for the time zone "${zone}"`);
  // An alias (UTC, US/Eastern) comes back under its canonical name; the events name the clinic's.
  return component.replace(/^TZID:.*$/m, `TZID:${zone}`);
}
