/**
 * Moving one session of a booked course. The session keeps its protocol's chair time and resource
 * kind; the rest of the course stays where it is, so the search and the re-check see a one-session
 * course of the same protocol (a continuous infusion is already one session).
 */
import type { Protocol } from './protocol';

export function singleSessionProtocol(protocol: Protocol): Protocol {
  switch (protocol.pattern.kind) {
    case 'CONSECUTIVE_DAYS':
    case 'WEEKDAYS':
    case 'EVERY_N_DAYS':
      return { ...protocol, pattern: { kind: 'CONSECUTIVE_DAYS', sessions: 1 } };
    case 'CONTINUOUS':
    case 'NONE':
      return protocol;
  }
}
