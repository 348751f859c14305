import { PROTOCOL_CATALOGUE } from '../scheduling/protocol';
import { clinicMidnight, followUpSchedule } from './schedule';

const iso = (ms: number) => new Date(ms).toISOString();

describe('followUpSchedule', () => {
  it('dues each follow-up its offset in clinic days after the last session, windows widening with the offset', () => {
    const schedule = followUpSchedule({
      lastSessionOn: '2026-01-09',
      followUpOffsetsDays: [7, 14, 28, 56, 84, 112, 140, 168],
      timeZone: 'Europe/London',
    });
    expect(schedule.map((f) => [f.offsetDays, f.opensOn, f.dueOn, f.closesOn])).toEqual([
      [7, '2026-01-14', '2026-01-16', '2026-01-19'],
      [14, '2026-01-21', '2026-01-23', '2026-01-26'],
      [28, '2026-02-02', '2026-02-06', '2026-02-13'],
      [56, '2026-03-02', '2026-03-06', '2026-03-13'],
      [84, '2026-03-24', '2026-04-03', '2026-04-17'],
      [112, '2026-04-21', '2026-05-01', '2026-05-15'],
      [140, '2026-05-19', '2026-05-29', '2026-06-12'],
      [168, '2026-06-16', '2026-06-26', '2026-07-10'],
    ]);
  });

  it('gives a single infusion its follow-up on the day or the day after', () => {
    const [first] = followUpSchedule({ lastSessionOn: '2026-05-04', followUpOffsetsDays: [1], timeZone: 'UTC' });
    expect(first).toMatchObject({ opensOn: '2026-05-05', dueOn: '2026-05-05', closesOn: '2026-05-06' });
    expect(iso(first.opensAtMs)).toBe('2026-05-05T00:00:00.000Z');
    expect(iso(first.closesAtMs)).toBe('2026-05-07T00:00:00.000Z');
  });

  it.each(PROTOCOL_CATALOGUE.map((p) => [p.key, p.followUpOffsetsDays] as const))(
    'never overlaps two windows of %s, each holding its due date',
    (_key, offsets) => {
      const schedule = followUpSchedule({
        lastSessionOn: '2026-02-27',
        followUpOffsetsDays: offsets,
        timeZone: 'Australia/Sydney',
      });
      schedule.forEach((f, i) => {
        expect(f.opensOn <= f.dueOn && f.dueOn <= f.closesOn).toBe(true);
        if (i > 0) expect(schedule[i - 1].closesAtMs).toBeLessThanOrEqual(f.opensAtMs);
      });
    },
  );

  it('narrows windows that would meet: the earlier closes before the later opens, after the earlier is due', () => {
    const schedule = followUpSchedule({ lastSessionOn: '2026-06-01', followUpOffsetsDays: [7, 9], timeZone: 'UTC' });
    expect(schedule.map((f) => [f.opensOn, f.dueOn, f.closesOn])).toEqual([
      ['2026-06-06', '2026-06-08', '2026-06-08'],
      ['2026-06-09', '2026-06-10', '2026-06-13'],
    ]);
  });

  it('takes window widths from the clinic settings', () => {
    const [f] = followUpSchedule(
      { lastSessionOn: '2026-06-01', followUpOffsetsDays: [28], timeZone: 'UTC' },
      { windows: [{ fromOffsetDays: 1, daysBefore: 1, daysAfter: 2 }] },
    );
    expect([f.opensOn, f.closesOn]).toEqual(['2026-06-28', '2026-07-01']);
  });

  describe('in the clinic zone across a clock change', () => {
    it('opens at the clinic midnight in GMT and closes at the clinic midnight in BST (Europe/London, 29 March)', () => {
      const [f] = followUpSchedule({
        lastSessionOn: '2026-03-20',
        followUpOffsetsDays: [7],
        timeZone: 'Europe/London',
      });
      expect([f.opensOn, f.dueOn, f.closesOn]).toEqual(['2026-03-25', '2026-03-27', '2026-03-30']);
      expect(iso(f.opensAtMs)).toBe('2026-03-25T00:00:00.000Z');
      expect(iso(f.dueAtMs)).toBe('2026-03-27T00:00:00.000Z');
      expect(iso(f.closesAtMs)).toBe('2026-03-30T23:00:00.000Z');
    });

    it('closes an hour later in UTC after the autumn change (America/New_York, 1 November)', () => {
      const [f] = followUpSchedule({
        lastSessionOn: '2026-10-25',
        followUpOffsetsDays: [7],
        timeZone: 'America/New_York',
      });
      expect([f.opensOn, f.dueOn, f.closesOn]).toEqual(['2026-10-30', '2026-11-01', '2026-11-04']);
      expect(iso(f.opensAtMs)).toBe('2026-10-30T04:00:00.000Z');
      expect(iso(f.closesAtMs)).toBe('2026-11-05T05:00:00.000Z');
    });

    it('starts a day whose midnight is skipped at its first minute (America/Santiago, 6 September)', () => {
      expect(iso(clinicMidnight('2026-09-06', 'America/Santiago'))).toBe('2026-09-06T04:00:00.000Z');
      expect(iso(clinicMidnight('2026-09-05', 'America/Santiago'))).toBe('2026-09-05T04:00:00.000Z');
    });
  });

  it('refuses a malformed date or an unknown zone', () => {
    expect(() => followUpSchedule({ lastSessionOn: '2026-02-30', followUpOffsetsDays: [7], timeZone: 'UTC' })).toThrow(
      RangeError,
    );
    expect(() =>
      followUpSchedule({ lastSessionOn: '2026-02-03', followUpOffsetsDays: [7], timeZone: 'Europe/Nowhere' }),
    ).toThrow(RangeError);
  });
});
