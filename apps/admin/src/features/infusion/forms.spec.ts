import { clinicTimeToday, entered } from './forms';

describe('entered', () => {
  it('keeps what was typed, including 0, and leaves an empty input out', () => {
    expect(entered('')).toBeUndefined();
    expect(entered(0)).toBe(0);
    expect(entered(250)).toBe(250);
    expect(entered('181')).toBe(181);
  });
});

describe('clinicTimeToday', () => {
  it("reads a time on the clinic's clock, across a daylight-saving offset", () => {
    expect(clinicTimeToday('08:30', '2026-07-01', 'Europe/London')).toBe('2026-07-01T07:30:00.000Z');
    expect(clinicTimeToday('08:30', '2026-12-01', 'Europe/London')).toBe('2026-12-01T08:30:00.000Z');
    expect(clinicTimeToday('', '2026-12-01', 'Europe/London')).toBeUndefined();
  });
});
