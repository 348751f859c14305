import { clinicMinute, clinicUntil } from './time';

describe('clinicUntil', () => {
  it("says a window closing at the clinic's midnight lasts to the end of the day before", () => {
    // 6 Dec 00:00 in London (GMT) and 1 Jul 00:00 in London (BST, 23:00 the day before in UTC).
    expect(clinicUntil('2026-12-06T00:00:00.000Z', 'Europe/London')).toBe('the end of 5 Dec 2026');
    expect(clinicUntil('2026-06-30T23:00:00.000Z', 'Europe/London')).toBe('the end of 30 Jun 2026');
  });

  it('gives any other instant as its date and minute on the clinic clock', () => {
    expect(clinicUntil('2026-12-05T14:53:18.000Z', 'Europe/London')).toBe('5 Dec 2026, 14:53');
    expect(clinicMinute('2026-07-01T07:30:00.000Z', 'Europe/London')).toBe('1 Jul 2026, 08:30');
  });
});
