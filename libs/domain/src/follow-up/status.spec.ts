import { followUpSchedule, type ScheduledFollowUp } from './schedule';
import { followUpStatus, followUpWorklist } from './status';

const at = (instant: string) => Date.parse(instant);
// Due Friday 27 March 2026, window 25–30 March; London moves to BST on Sunday 29 March, so the
// window closes at 23:00 UTC on the 30th.
const [london] = followUpSchedule({ lastSessionOn: '2026-03-20', followUpOffsetsDays: [7], timeZone: 'Europe/London' });
const statusAt = (instant: string, records: string[] = []) => followUpStatus(london, records.map(at), at(instant));

describe('followUpStatus', () => {
  describe('at the boundary minutes in the clinic zone, across a clock change', () => {
    it('is upcoming at 23:59 the night before the window opens and due at midnight', () => {
      expect(statusAt('2026-03-24T23:59:00Z').status).toBe('UPCOMING');
      expect(statusAt('2026-03-25T00:00:00Z')).toMatchObject({ status: 'DUE', daysLeft: 5 });
    });

    it('is due until 23:59 on the due date and overdue from midnight', () => {
      expect(statusAt('2026-03-27T23:59:00Z')).toMatchObject({
        status: 'DUE',
        reasons: [{ code: 'DUE', message: 'Due today; window 2026-03-25 to 2026-03-30' }],
      });
      expect(statusAt('2026-03-28T00:00:00Z')).toMatchObject({
        status: 'OVERDUE',
        reasons: [
          {
            code: 'OVERDUE',
            ruleId: 'follow-up.status',
            message: 'Overdue by 1 day (due 2026-03-27); the window closes at the end of 2026-03-30',
          },
        ],
      });
    });

    it('is overdue on its last day up to 23:59 BST and missed at midnight BST (23:00 UTC)', () => {
      expect(statusAt('2026-03-30T22:59:00Z')).toMatchObject({
        status: 'OVERDUE',
        daysLeft: 0,
        reasons: [{ code: 'OVERDUE' }, { code: 'LAST_DAY' }],
      });
      expect(statusAt('2026-03-30T23:00:00Z')).toMatchObject({
        status: 'MISSED',
        reasons: [
          {
            code: 'MISSED',
            message: 'Missed: the window 2026-03-25 to 2026-03-30 closed without a record (due 2026-03-27)',
          },
        ],
      });
    });

    it('counts a record in the window’s last minute and not one at the minute it closes', () => {
      expect(statusAt('2026-04-02T12:00:00Z', ['2026-03-30T22:59:59.999Z'])).toMatchObject({
        status: 'COMPLETED',
        completedByAtMs: at('2026-03-30T22:59:59.999Z'),
      });
      expect(statusAt('2026-04-02T12:00:00Z', ['2026-03-30T23:00:00Z'])).toMatchObject({
        status: 'MISSED',
        reasons: [
          { code: 'MISSED' },
          {
            code: 'RECORD_OUTSIDE_WINDOW',
            message: 'A record on 2026-03-31 is outside the window 2026-03-25 to 2026-03-30 and does not measure day 7',
          },
        ],
      });
    });

    it('counts a record at the minute the window opens and not one the minute before', () => {
      expect(statusAt('2026-03-25T09:00:00Z', ['2026-03-25T00:00:00Z']).status).toBe('COMPLETED');
      expect(statusAt('2026-03-25T09:00:00Z', ['2026-03-24T23:59:00Z'])).toMatchObject({
        status: 'DUE',
        reasons: [{ code: 'DUE' }, { code: 'RECORD_OUTSIDE_WINDOW' }],
      });
    });
  });

  it('is completed at once by a record inside the window, before the due date', () => {
    expect(statusAt('2026-03-26T10:00:00Z', ['2026-03-26T09:30:00Z'])).toMatchObject({
      status: 'COMPLETED',
      reasons: [{ code: 'COMPLETED', message: 'Recorded on 2026-03-26, inside the window 2026-03-25 to 2026-03-30' }],
    });
  });

  it('ignores a record taken after the instant asked about (a catch-up run judges each day as it was)', () => {
    expect(statusAt('2026-03-31T08:00:00Z', ['2026-04-01T09:00:00Z']).status).toBe('MISSED');
  });
});

describe('followUpWorklist', () => {
  const due = (lastSessionOn: string, offset: number): ScheduledFollowUp =>
    followUpSchedule({ lastSessionOn, followUpOffsetsDays: [offset], timeZone: 'Europe/London' })[0];
  const now = at('2026-03-30T10:00:00Z');

  it('puts overdue ones closest to closing first, then due by due date, then recent misses, and leaves out the rest', () => {
    const list = followUpWorklist(
      [
        { id: 'upcoming', followUp: due('2026-03-28', 7), recordedAtMs: [] },
        { id: 'due-later', followUp: due('2026-03-25', 7), recordedAtMs: [] },
        { id: 'due-today', followUp: due('2026-03-23', 7), recordedAtMs: [] },
        { id: 'overdue-closes-later', followUp: due('2026-03-01', 28), recordedAtMs: [] },
        { id: 'overdue-last-day', followUp: due('2026-03-20', 7), recordedAtMs: [] },
        { id: 'completed', followUp: due('2026-03-20', 7), recordedAtMs: [at('2026-03-27T10:00:00Z')] },
        { id: 'missed-yesterday', followUp: due('2026-03-19', 7), recordedAtMs: [] },
        { id: 'missed-last-week', followUp: due('2026-03-13', 7), recordedAtMs: [] },
        { id: 'missed-long-ago', followUp: due('2026-03-01', 7), recordedAtMs: [] },
      ],
      now,
    );
    expect(list.map((e) => [e.id, e.state.status])).toEqual([
      ['overdue-last-day', 'OVERDUE'],
      ['overdue-closes-later', 'OVERDUE'],
      ['due-today', 'DUE'],
      ['due-later', 'DUE'],
      ['missed-yesterday', 'MISSED'],
      ['missed-last-week', 'MISSED'],
    ]);
    expect(list[0].state.reasons.map((r) => r.code)).toEqual(['OVERDUE', 'LAST_DAY']);
  });

  it('keeps a missed follow-up for the configured days after it closed, not a day longer', () => {
    const missed = { id: 'm', followUp: due('2026-03-13', 7), recordedAtMs: [] };
    // Closed at the end of 23 March: 7 days later is 30 March.
    expect(followUpWorklist([missed], now)).toHaveLength(1);
    expect(followUpWorklist([missed], at('2026-03-31T10:00:00Z'))).toHaveLength(0);
    expect(followUpWorklist([missed], at('2026-03-31T10:00:00Z'), { worklistMissedDays: 8 })).toHaveLength(1);
  });
});
