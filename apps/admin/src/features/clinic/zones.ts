/**
 * The IANA time zones the browser knows, for the clinic's zone picker; the clinic's current zone is
 * kept even if this browser does not list it (older browsers leave out aliases such as UTC).
 */
export function timeZoneOptions(current: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes(current) ? zones : [current, ...zones];
}
