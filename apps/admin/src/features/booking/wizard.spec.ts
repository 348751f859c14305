import type { Protocol } from '@cadence/domain';
import type { ProtocolRecord } from '../protocols/api/protocols.api';
import type { Course, CourseOptionsRequest, CoursePlanOption } from './api/booking.api';
import { initialWizardState, stepIndex, wizardReducer, type WizardAction, type WizardState } from './wizard';

const TODAY = '2026-12-07';

function protocol(pattern: Protocol['pattern']): ProtocolRecord {
  return { id: `p-${pattern.kind}`, definition: { pattern } } as unknown as ProtocolRecord;
}
const weekdays = protocol({ kind: 'WEEKDAYS', minSessions: 4, maxSessions: 10 } as Protocol['pattern']);
const fiveDays = protocol({ kind: 'CONSECUTIVE_DAYS', sessions: 5 } as Protocol['pattern']);

const request: CourseOptionsRequest = { patientId: 'pt', protocolId: fiveDays.id, earliest: TODAY, k: 5 };
const plan = (start: string): CoursePlanOption => ({
  sessions: [{ chairId: 'c1', chairName: 'Chair 1', startsAt: start, endsAt: start }],
  sameChair: true,
  sameTime: true,
});
const course = { id: 'course-1', patientId: 'pt' } as Course;

const run = (actions: WizardAction[], from: WizardState = initialWizardState(TODAY)) =>
  actions.reduce(wizardReducer, from);

const toConfirm: WizardAction[] = [
  { type: 'protocolConfirmed' },
  { type: 'protocolChosen', protocol: fiveDays },
  { type: 'datesRequested', request },
  { type: 'optionSelected', index: 0 },
  { type: 'planChosen', plan: plan('2026-12-08T09:00:00Z') },
];

describe('booking wizard', () => {
  it('walks patient → protocol → dates → confirm → booked, each step carrying what it needs', () => {
    const confirm = run(toConfirm);
    expect(confirm.step).toEqual({ name: 'confirm', request, plan: plan('2026-12-08T09:00:00Z') });
    const booked = wizardReducer(confirm, { type: 'booked', course });
    expect(booked.step).toEqual({ name: 'booked', plan: plan('2026-12-08T09:00:00Z'), course });
    expect(stepIndex(booked.step)).toBe(4);
  });

  it('starts a WEEKDAYS protocol at its minimum session count and a fixed pattern at none', () => {
    expect(run([{ type: 'protocolChosen', protocol: weekdays }]).sessions).toBe(4);
    expect(
      run([
        { type: 'protocolChosen', protocol: weekdays },
        { type: 'protocolChosen', protocol: fiveDays },
      ]).sessions,
    ).toBeNull();
  });

  it('ignores actions that do not belong to the current step', () => {
    const start = initialWizardState(TODAY);
    expect(wizardReducer(start, { type: 'datesRequested', request })).toBe(start);
    expect(wizardReducer(start, { type: 'planChosen', plan: plan('x') })).toBe(start);
    expect(wizardReducer(start, { type: 'booked', course })).toBe(start);
    const dates = run(toConfirm.slice(0, 3));
    expect(wizardReducer(dates, { type: 'booked', course })).toBe(dates);
  });

  it('goes back one step at a time, keeping the search and dropping the chosen plan', () => {
    const confirm = run(toConfirm);
    const dates = wizardReducer(confirm, { type: 'back' });
    expect(dates.step).toEqual({ name: 'dates', request, selected: null });
    expect(wizardReducer(dates, { type: 'back' }).step).toEqual({ name: 'protocol' });
    expect(run([{ type: 'back' }, { type: 'back' }], dates).step).toEqual({ name: 'patient' });
  });

  it('jumps back only to a step already passed, and never out of a finished booking', () => {
    const confirm = run(toConfirm);
    expect(wizardReducer(confirm, { type: 'goTo', step: 'protocol' }).step).toEqual({ name: 'protocol' });
    const protocolStep = run(toConfirm.slice(0, 2));
    expect(wizardReducer(protocolStep, { type: 'goTo', step: 'dates' })).toBe(protocolStep);
    const booked = wizardReducer(confirm, { type: 'booked', course });
    expect(wizardReducer(booked, { type: 'goTo', step: 'patient' })).toBe(booked);
    expect(wizardReducer(booked, { type: 'back' }).step).toBe(booked.step);
  });

  it('searches again from the confirm step with the same request and no selection', () => {
    const again = wizardReducer(run(toConfirm), { type: 'searchAgain' });
    expect(again.step).toEqual({ name: 'dates', request, selected: null });
  });

  it('returns to the patient step when the patient changes, and starts over from a clean state', () => {
    const changed = wizardReducer(run(toConfirm), { type: 'patientChanged' });
    expect(changed.step).toEqual({ name: 'patient' });
    const withScores = run(
      [
        { type: 'baselineChanged', painNrs: 7 },
        { type: 'baselineChanged', interference: 5 },
      ],
      changed,
    );
    expect([withScores.painNrs, withScores.interference]).toEqual([7, 5]);
    expect(wizardReducer(withScores, { type: 'startOver', today: '2026-12-08' })).toEqual(
      initialWizardState('2026-12-08'),
    );
  });
});

describe('option filters', () => {
  const atDates = run(toConfirm.slice(0, 4));

  it('searches again with the filters asked for, sending none left empty, and forgets the choice', () => {
    const filtered = wizardReducer(atDates, {
      type: 'filtersChanged',
      filters: { timeOfDay: 'AFTERNOON', weekdays: [4, 2], preferredChairId: 'c2' },
    });
    expect(filtered.step).toEqual({
      name: 'dates',
      request: { ...request, timeOfDay: 'AFTERNOON', weekdays: [2, 4], preferredChairId: 'c2' },
      selected: null,
    });
    const cleared = wizardReducer(filtered, {
      type: 'filtersChanged',
      filters: { timeOfDay: 'ANY', weekdays: [], preferredChairId: undefined },
    });
    expect(cleared.step).toEqual({ name: 'dates', request, selected: null });
  });

  it('changes nothing outside the dates step', () => {
    const confirm = run(toConfirm);
    expect(wizardReducer(confirm, { type: 'filtersChanged', filters: { timeOfDay: 'MORNING' } })).toBe(confirm);
  });
});
