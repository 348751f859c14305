import type { CheckInFacts } from './check-in';
import { recheckTasks } from './rechecks';

const base: CheckInFacts = { today: '2026-12-03', nowMs: 0, pregnancyApplies: false };
const reading = (systolic: number, diastolic: number, heartRate: number) => ({
  atMs: 1,
  systolic,
  diastolic,
  heartRate,
});

describe('recheckTasks', () => {
  const requests = [
    { check: 'BLOOD_PRESSURE' as const, reason: 'BP 150/95 at screening; recheck before each infusion' },
    { check: 'WEIGHT' as const, reason: 'Weight loss since referral' },
  ];

  it('is to do until the fact is measured on the day of the check-in', () => {
    const tasks = recheckTasks(requests, base);
    expect(tasks.map((t) => [t.check, t.done])).toEqual([
      ['BLOOD_PRESSURE', false],
      ['WEIGHT', false],
    ]);
    expect(tasks[0].message).toBe('Measure the blood pressure before the infusion, as the clinician asked');
    expect(tasks[0].reason).toBe(requests[0].reason);
  });

  it("counts a reading from another day as not measured, and shows today's latest (the recheck) when done", () => {
    const yesterday = recheckTasks(requests, {
      ...base,
      vitals: { recordedOn: '2026-12-02', first: reading(150, 95, 80) },
      weightKg: { recordedOn: '2026-12-02', value: 70 },
    });
    expect(yesterday.every((t) => !t.done)).toBe(true);
    const today = recheckTasks(requests, {
      ...base,
      vitals: { recordedOn: '2026-12-03', first: reading(150, 95, 80), recheck: { ...reading(138, 88, 76), atMs: 2 } },
      weightKg: { recordedOn: '2026-12-03', value: 70 },
    });
    expect(today.map((t) => [t.done, t.message])).toEqual([
      [true, 'Blood pressure measured today: 138/88 mmHg'],
      [true, 'Weight measured today: 70 kg'],
    ]);
  });

  it('lists a check asked twice (by two overridden screenings) once, with the first reason', () => {
    const tasks = recheckTasks([requests[0], { check: 'BLOOD_PRESSURE', reason: 'Second reason' }], base);
    expect(tasks).toHaveLength(1);
    expect(tasks[0].reason).toBe(requests[0].reason);
  });
});
