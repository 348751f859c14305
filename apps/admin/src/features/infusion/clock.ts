// The session screen's clock: how long since the start, and the countdown to the next vitals.
// Pure, so the boundaries (exactly due, a second overdue) are unit-tested.

const MINUTE = 60_000;

/** "0 min", "45 min", "1 h 05 min": whole minutes elapsed, never rounded up. */
export function formatElapsed(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / MINUTE));
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

export interface Countdown {
  /** Strictly after the due time, as the domain's vitalsDue counts it. */
  overdue: boolean;
  /** "in 4:32", "due now", "2:05 overdue", "1 h 12 min overdue". */
  text: string;
}

/** mm:ss under an hour (the nurse watches the seconds near the due time), hours and minutes above. */
function span(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds >= 3600) return formatElapsed(ms);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export function vitalsCountdown(dueAtMs: number, nowMs: number, graceMinutes = 0): Countdown {
  const overdue = nowMs > dueAtMs + graceMinutes * MINUTE;
  if (nowMs < dueAtMs) return { overdue, text: `in ${span(dueAtMs - nowMs + 999)}` };
  if (!overdue || nowMs - dueAtMs < 1000) return { overdue, text: 'due now' };
  return { overdue, text: `${span(nowMs - dueAtMs)} overdue` };
}
