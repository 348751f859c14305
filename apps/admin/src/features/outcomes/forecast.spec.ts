import { daysBetween, expectedLossWhen } from './forecast';

describe('daysBetween', () => {
  it('counts calendar days, across a month and a clock change', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2026-12-03', '2026-12-03')).toBe(0);
    expect(daysBetween('2026-12-03', '2026-12-01')).toBe(-2);
  });
});

describe('expectedLossWhen', () => {
  it('says ahead, tomorrow, today, or how long past', () => {
    expect(expectedLossWhen('2026-12-13', '2026-12-03')).toBe('in 10 days');
    expect(expectedLossWhen('2026-12-04', '2026-12-03')).toBe('tomorrow');
    expect(expectedLossWhen('2026-12-03', '2026-12-03')).toBe('today');
    expect(expectedLossWhen('2026-12-01', '2026-12-03')).toBe(
      '2 days ago: relief may already be lost, with no follow-up since',
    );
  });
});
