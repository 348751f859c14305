import {
  SESSION_ACTIONS,
  SESSION_STATES,
  SESSION_WORKFLOW,
  sessionActionRefusal,
  sessionActions,
  sessionOverdue,
  type SessionClock,
} from './session';
import { DEFAULT_INFUSION_SETTINGS } from './settings';
import type { VitalsReading } from './vitals';

const MIN = 60_000;
const start = Date.UTC(2026, 11, 1, 9, 0);
const settings = DEFAULT_INFUSION_SETTINGS;

describe('the session workflow', () => {
  const open = (state: (typeof SESSION_STATES)[number], gates = { checkInCleared: true, dischargeAllowed: true }) =>
    sessionActions({ state, ...gates })
      .filter((a) => !a.refusal)
      .map((a) => a.action);
  it('expected → checked in → infusing → in recovery → discharged, or no-show', () => {
    expect(open('EXPECTED')).toEqual(['check_in', 'mark_no_show']);
    expect(open('CHECKED_IN')).toEqual(['start', 'record_vitals', 'record_adverse_event']);
    expect(open('INFUSING')).toEqual(['record_vitals', 'change_rate', 'record_adverse_event', 'stop']);
    expect(open('IN_RECOVERY')).toEqual(['record_vitals', 'record_adverse_event', 'discharge']);
    expect(open('DISCHARGED')).toEqual(['record_adverse_event']);
    expect(open('NO_SHOW')).toEqual([]);
  });
  it('every transition leads to a state and every action has a row', () => {
    expect(Object.keys(SESSION_WORKFLOW).sort()).toEqual([...SESSION_ACTIONS].sort());
    expect(SESSION_WORKFLOW.start.to).toBe('INFUSING');
    expect(SESSION_WORKFLOW.stop.to).toBe('IN_RECOVERY');
  });
  it('says why an action is refused in another state', () => {
    expect(sessionActionRefusal('start', { state: 'EXPECTED' })).toEqual({
      because: 'STATE',
      action: 'start',
      state: 'EXPECTED',
      needs: ['CHECKED_IN'],
      reason: "This session is expected. A dose starts only after check-in, once the day's checks are cleared.",
    });
  });
  it('no start until the day’s checks are cleared; no discharge until the check passes', () => {
    expect(sessionActionRefusal('start', { state: 'CHECKED_IN', checkInCleared: false })?.because).toBe(
      'CHECK_IN_NOT_CLEARED',
    );
    expect(sessionActionRefusal('discharge', { state: 'IN_RECOVERY' })?.because).toBe('DISCHARGE_NOT_ALLOWED');
    expect(sessionActionRefusal('discharge', { state: 'IN_RECOVERY', dischargeAllowed: true })).toBeUndefined();
  });
});

describe('sessionOverdue', () => {
  const clock = (change: Partial<SessionClock>): SessionClock => ({
    state: 'EXPECTED',
    scheduledStartMs: start,
    scheduledEndMs: start + 240 * MIN,
    readings: [],
    vitalsIntervalMinutes: 15,
    ...change,
  });
  it('check-in is overdue strictly after the booked start', () => {
    expect(sessionOverdue(clock({}), start, settings)).toEqual({});
    expect(sessionOverdue(clock({}), start + MIN, settings)).toEqual({
      checkIn: { dueAtMs: start, minutesOverdue: 1 },
    });
    expect(sessionOverdue(clock({ state: 'NO_SHOW' }), start + 60 * MIN, settings)).toEqual({});
  });
  it('vitals are overdue 15 min after the last reading while infusing and in recovery', () => {
    const reading: VitalsReading = { atMs: start + 10 * MIN, systolic: 130, diastolic: 80, heartRate: 80 };
    const infusing = clock({ state: 'INFUSING', startedAtMs: start + 10 * MIN, readings: [reading] });
    expect(sessionOverdue(infusing, start + 25 * MIN, settings)).toEqual({});
    expect(sessionOverdue(infusing, start + 27 * MIN, settings)).toEqual({
      vitals: { dueAtMs: start + 25 * MIN, minutesOverdue: 2 },
    });
    expect(sessionOverdue({ ...infusing, state: 'IN_RECOVERY' }, start + 27 * MIN, settings).vitals).toBeDefined();
    expect(
      sessionOverdue({ ...infusing, vitalsIntervalMinutes: null }, start + 25 * MIN + 1, settings).vitals,
    ).toBeDefined();
    expect(sessionOverdue({ ...infusing, vitalsIntervalMinutes: 60 }, start + 27 * MIN, settings)).toEqual({});
  });
  it('discharge is overdue once the booked end passes before the patient has left', () => {
    const recovering = clock({
      state: 'IN_RECOVERY',
      startedAtMs: start,
      readings: [{ atMs: start + 240 * MIN, spo2: 97 }],
    });
    expect(sessionOverdue(recovering, start + 240 * MIN, settings)).toEqual({});
    expect(sessionOverdue(recovering, start + 241 * MIN, settings).discharge).toEqual({
      dueAtMs: start + 240 * MIN,
      minutesOverdue: 1,
    });
    expect(sessionOverdue({ ...recovering, state: 'DISCHARGED' }, start + 300 * MIN, settings)).toEqual({});
  });
});
