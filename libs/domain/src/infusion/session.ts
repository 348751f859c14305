import type { InfusionSettings } from './settings';
import { vitalsDue, type VitalsReading } from './vitals';

/**
 * Where a session is on the infusion day. A booked appointment is EXPECTED until the patient checks
 * in (or is marked a no-show); the dose runs in INFUSING (a bolus is given in it too); IN_RECOVERY
 * from the stop until discharge. DISCHARGED and NO_SHOW are final.
 */
export const SESSION_STATES = ['EXPECTED', 'CHECKED_IN', 'INFUSING', 'IN_RECOVERY', 'DISCHARGED', 'NO_SHOW'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

export const SESSION_ACTIONS = [
  'check_in',
  'mark_no_show',
  'start',
  'record_vitals',
  'change_rate',
  'record_adverse_event',
  'stop',
  'discharge',
] as const;
export type SessionAction = (typeof SESSION_ACTIONS)[number];

export interface SessionTransition {
  from: readonly SessionState[];
  /** The state afterwards; absent when the action leaves the state as it is. */
  to?: SessionState;
  /** Why the action needs one of `from`: said to whoever asks from another state. */
  why: string;
}

export const SESSION_WORKFLOW: Readonly<Record<SessionAction, SessionTransition>> = {
  check_in: { from: ['EXPECTED'], to: 'CHECKED_IN', why: 'Only an expected patient is checked in.' },
  mark_no_show: {
    from: ['EXPECTED'],
    to: 'NO_SHOW',
    why: 'Only a patient who has not checked in is a no-show.',
  },
  start: {
    from: ['CHECKED_IN'],
    to: 'INFUSING',
    why: "A dose starts only after check-in, once the day's checks are cleared.",
  },
  record_vitals: {
    // The check-in readings are the baseline; recovery readings decide discharge.
    from: ['CHECKED_IN', 'INFUSING', 'IN_RECOVERY'],
    why: 'Vitals are recorded from check-in until discharge.',
  },
  change_rate: { from: ['INFUSING'], why: 'Only a running infusion changes rate.' },
  record_adverse_event: {
    // An event noticed after discharge (e.g. on the way out) is still recorded before signing.
    from: ['CHECKED_IN', 'INFUSING', 'IN_RECOVERY', 'DISCHARGED'],
    why: 'Adverse events are recorded from check-in until the record is signed.',
  },
  stop: { from: ['INFUSING'], to: 'IN_RECOVERY', why: 'Only a running infusion is stopped.' },
  discharge: { from: ['IN_RECOVERY'], to: 'DISCHARGED', why: 'A patient is discharged from recovery, after the stop.' },
};

export type SessionGate = 'CHECK_IN_NOT_CLEARED' | 'DISCHARGE_NOT_ALLOWED';
export type SessionActionRefusal =
  | { because: 'STATE'; action: SessionAction; state: SessionState; needs: readonly SessionState[]; reason: string }
  | { because: SessionGate; action: SessionAction; reason: string };

/** What the workflow reads of a session besides its state: the outcomes of the gates. */
export interface SessionAtHand {
  state: SessionState;
  /** checkInDecision(...).allowed */
  checkInCleared?: boolean;
  /** dischargeCheck(...).allowed */
  dischargeAllowed?: boolean;
}

/** Why `action` may not be taken now; undefined when it may. */
export function sessionActionRefusal(action: SessionAction, session: SessionAtHand): SessionActionRefusal | undefined {
  const t = SESSION_WORKFLOW[action];
  if (!t.from.includes(session.state))
    return {
      because: 'STATE',
      action,
      state: session.state,
      needs: t.from,
      reason: `This session is ${session.state.toLowerCase().replace('_', ' ')}. ${t.why}`,
    };
  if (action === 'start' && !session.checkInCleared)
    return {
      because: 'CHECK_IN_NOT_CLEARED',
      action,
      reason:
        "The day's checks are not cleared: a failed check blocks the start until it passes or a clinician overrides it",
    };
  if (action === 'discharge' && !session.dischargeAllowed)
    return { because: 'DISCHARGE_NOT_ALLOWED', action, reason: 'The discharge check has not passed' };
  return undefined;
}

/** Every action with whether it is open now, and why not: what the tablet shows as buttons. */
export function sessionActions(session: SessionAtHand): { action: SessionAction; refusal?: SessionActionRefusal }[] {
  return SESSION_ACTIONS.map((action) => {
    const refusal = sessionActionRefusal(action, session);
    return refusal ? { action, refusal } : { action };
  });
}

export interface SessionClock {
  state: SessionState;
  scheduledStartMs: number;
  scheduledEndMs: number;
  /** The dose's start, once INFUSING. */
  startedAtMs?: number;
  /** Readings since the start (check-in readings are the baseline, not monitoring). */
  readings: readonly VitalsReading[];
  /** The protocol's interval; null falls back to the clinic's (15 min by default). */
  vitalsIntervalMinutes: number | null;
}

export interface Overdue {
  dueAtMs: number;
  minutesOverdue: number;
}

export interface SessionOverdue {
  checkIn?: Overdue;
  vitals?: Overdue;
  discharge?: Overdue;
}

/** What is overdue at `nowMs`, for the nurse's list and the session screen: each strictly after its due time. */
export function sessionOverdue(
  session: SessionClock,
  nowMs: number,
  settings: Pick<
    InfusionSettings,
    'thresholds' | 'recheckMinutes' | 'vitalsGraceMinutes' | 'checkInGraceMinutes' | 'vitalsIntervalMinutes'
  >,
): SessionOverdue {
  const late = (dueAtMs: number, graceMinutes = 0) =>
    nowMs > dueAtMs + graceMinutes * 60_000
      ? { dueAtMs, minutesOverdue: Math.floor((nowMs - dueAtMs) / 60_000) }
      : undefined;
  const result: SessionOverdue = {};

  if (session.state === 'EXPECTED') {
    const checkIn = late(session.scheduledStartMs, settings.checkInGraceMinutes);
    if (checkIn) result.checkIn = checkIn;
  }
  if ((session.state === 'INFUSING' || session.state === 'IN_RECOVERY') && session.startedAtMs !== undefined) {
    const due = vitalsDue(
      {
        startedAtMs: session.startedAtMs,
        readings: session.readings,
        intervalMinutes: session.vitalsIntervalMinutes ?? settings.vitalsIntervalMinutes,
      },
      nowMs,
      settings,
    );
    const vitals = due.overdue ? late(due.dueAtMs) : undefined;
    if (vitals) result.vitals = vitals;
  }
  // Still in the chair after the booked end: the chair is needed and the discharge is late.
  if (session.state === 'INFUSING' || session.state === 'IN_RECOVERY' || session.state === 'CHECKED_IN') {
    const discharge = late(session.scheduledEndMs);
    if (discharge) result.discharge = discharge;
  }
  return result;
}
