import { DEFAULT_VITALS_THRESHOLDS } from '@cadence/domain';
import { chartPoints, thresholdLines } from './vitalsChart';

describe('chartPoints', () => {
  it('orders readings by time on the clinic clock, leaves voided ones out and signs not taken as gaps', () => {
    const points = chartPoints(
      [
        { takenAt: '2026-07-01T09:30:00.000Z', systolic: 150, diastolic: 95, heartRate: 88 },
        { takenAt: '2026-07-01T09:15:00.000Z', spo2: 97, systolic: null },
        { takenAt: '2026-07-01T09:20:00.000Z', systolic: 210, diastolic: 100, voided: true },
      ],
      'Europe/London',
    );
    expect(points).toEqual([
      { time: '10:15', spo2: 97 },
      { time: '10:30', systolic: 150, diastolic: 95, heartRate: 88 },
    ]);
  });
});

describe('thresholdLines', () => {
  it("draws each of the session's alert limits with the value it alerts beyond", () => {
    const lines = thresholdLines({ ...DEFAULT_VITALS_THRESHOLDS, systolicAbove: 170 });
    expect(lines.circulation.map((l) => [l.y, l.label])).toEqual([
      [170, 'SBP > 170'],
      [90, 'SBP < 90'],
      [110, 'DBP > 110'],
      [120, 'HR > 120'],
      [50, 'HR < 50'],
    ]);
    expect(lines.breathing.map((l) => l.label)).toEqual(['SpO2 < 92 %', 'RR > 30', 'RR < 10']);
  });
});
