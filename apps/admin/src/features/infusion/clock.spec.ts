import { formatElapsed, vitalsCountdown } from './clock';

const MIN = 60_000;

describe('formatElapsed', () => {
  it('counts whole minutes under an hour and hours with two-digit minutes above', () => {
    expect(formatElapsed(0)).toBe('0 min');
    expect(formatElapsed(59_999)).toBe('0 min');
    expect(formatElapsed(45 * MIN)).toBe('45 min');
    expect(formatElapsed(60 * MIN - 1)).toBe('59 min');
    expect(formatElapsed(60 * MIN)).toBe('1 h 00 min');
    expect(formatElapsed(125 * MIN)).toBe('2 h 05 min');
  });

  it('shows a start in the future (a clock a little behind the server) as 0 min', () => {
    expect(formatElapsed(-5 * MIN)).toBe('0 min');
  });
});

describe('vitalsCountdown', () => {
  const due = 1_000_000_000;

  it('counts down in minutes and seconds, rounding up so it reaches 0:00 at the due time', () => {
    expect(vitalsCountdown(due, due - 4 * MIN - 32_000)).toEqual({ overdue: false, text: 'in 4:32' });
    expect(vitalsCountdown(due, due - 500)).toEqual({ overdue: false, text: 'in 0:01' });
  });

  it('is due, not overdue, at the due time itself', () => {
    expect(vitalsCountdown(due, due)).toEqual({ overdue: false, text: 'due now' });
  });

  it('is overdue strictly after the due time, counting up', () => {
    expect(vitalsCountdown(due, due + 1)).toEqual({ overdue: true, text: 'due now' });
    expect(vitalsCountdown(due, due + 2 * MIN + 5_000)).toEqual({ overdue: true, text: '2:05 overdue' });
    expect(vitalsCountdown(due, due + 72 * MIN)).toEqual({ overdue: true, text: '1 h 12 min overdue' });
  });

  it("waits for the clinic's grace minutes before saying overdue", () => {
    expect(vitalsCountdown(due, due + 2 * MIN, 2).overdue).toBe(false);
    expect(vitalsCountdown(due, due + 2 * MIN + 1, 2).overdue).toBe(true);
  });

  it('shows an hour or more ahead in hours and minutes', () => {
    expect(vitalsCountdown(due, due - 90 * MIN).text).toBe('in 1 h 30 min');
  });
});
