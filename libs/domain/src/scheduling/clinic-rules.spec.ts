import {
  closureProblems,
  clinicSettingsProblems,
  MAX_CLOSURE_DAYS,
  nurseShiftProblems,
  openingHoursProblems,
} from './clinic-rules';

const rules = (problems: { field: string; rule: string }[]) => problems.map((p) => `${p.field}:${p.rule}`);

describe('clinic settings', () => {
  const limits = { bpReviewSystolic: 160, bpReviewDiastolic: 100, bpBlockSystolic: 180, bpBlockDiastolic: 110 };

  it('accepts review limits one below the block limits', () => {
    expect(clinicSettingsProblems({ ...limits, bpReviewSystolic: 179, bpReviewDiastolic: 109 })).toEqual([]);
  });

  it('refuses a review limit equal to its block limit, naming each field', () => {
    expect(rules(clinicSettingsProblems({ ...limits, bpReviewSystolic: 180, bpReviewDiastolic: 110 }))).toEqual([
      'bpReviewSystolic:belowBlock',
      'bpReviewDiastolic:belowBlock',
    ]);
  });
});

describe('opening hours', () => {
  it('accepts a day split around lunch, touching windows and a window to midnight', () => {
    expect(
      openingHoursProblems([
        { weekday: 1, opensAt: '09:00', closesAt: '12:00' },
        { weekday: 1, opensAt: '13:00', closesAt: '17:00' },
        { weekday: 2, opensAt: '09:00', closesAt: '12:00' },
        { weekday: 2, opensAt: '12:00', closesAt: '24:00' },
      ]),
    ).toEqual([]);
  });

  it('refuses a window that closes when it opens', () => {
    expect(rules(openingHoursProblems([{ weekday: 1, opensAt: '09:00', closesAt: '09:00' }]))).toEqual([
      'windows[0].closesAt:afterOpening',
    ]);
  });

  it('refuses windows of one weekday that overlap by a minute, but not the same hours on two weekdays', () => {
    expect(
      rules(
        openingHoursProblems([
          { weekday: 3, opensAt: '12:59', closesAt: '17:00' },
          { weekday: 3, opensAt: '09:00', closesAt: '13:00' },
          { weekday: 4, opensAt: '09:00', closesAt: '13:00' },
        ]),
      ),
    ).toEqual(['windows[0]:noOverlap']);
  });

  it('names the weekday in each message, so a problem reads right away from the form', () => {
    expect(
      openingHoursProblems([
        { weekday: 2, opensAt: '14:00', closesAt: '09:00' },
        { weekday: 3, opensAt: '09:00', closesAt: '13:00' },
        { weekday: 3, opensAt: '12:00', closesAt: '17:00' },
      ]).map((p) => p.message),
    ).toEqual(['closesAt must be after opensAt on Tuesday', 'opening windows on Wednesday must not overlap']);
  });

  it('names an unreadable time rather than passing it', () => {
    expect(rules(openingHoursProblems([{ weekday: 1, opensAt: '09:60', closesAt: '17:00' }]))).toEqual([
      'windows[0].closesAt:afterOpening',
    ]);
  });
});

describe('closures', () => {
  it('accepts a one-day closure and one of exactly the longest span', () => {
    expect(closureProblems({ startsOn: '2026-12-25', endsOn: '2026-12-25' })).toEqual([]);
    expect(closureProblems({ startsOn: '2026-01-01', endsOn: '2027-01-01' })).toEqual([]);
    expect(MAX_CLOSURE_DAYS).toBe(366);
  });

  it('refuses one that ends before it starts, or lasts a day too long', () => {
    expect(rules(closureProblems({ startsOn: '2026-12-25', endsOn: '2026-12-24' }))).toEqual(['endsOn:onOrAfterStart']);
    expect(rules(closureProblems({ startsOn: '2026-01-01', endsOn: '2027-01-02' }))).toEqual(['endsOn:maxSpan']);
  });
});

describe('nurse shifts', () => {
  const weekly = { weekday: 1, startsAt: '08:00', endsAt: '18:00', nurses: 1 };
  const dated = { date: '2026-12-24', startsAt: '08:00', endsAt: '18:00', nurses: 1 };

  it('accepts a weekly row and a dated shift to midnight', () => {
    expect(nurseShiftProblems(weekly)).toEqual([]);
    expect(nurseShiftProblems({ ...dated, endsAt: '24:00' })).toEqual([]);
  });

  it('needs exactly one of weekday and date', () => {
    expect(rules(nurseShiftProblems({ ...weekly, date: '2026-12-24' }))).toEqual(['weekday:weekdayOrDate']);
    expect(rules(nurseShiftProblems({ startsAt: '08:00', endsAt: '18:00', nurses: 1 }))).toContain(
      'weekday:weekdayOrDate',
    );
  });

  it('needs the shift to end after it starts', () => {
    expect(rules(nurseShiftProblems({ ...weekly, endsAt: '08:00' }))).toEqual(['endsAt:afterStart']);
  });

  it('lets a dated shift have no nurse (no chair-side nursing that day) but not a rota row', () => {
    expect(nurseShiftProblems({ ...dated, nurses: 0 })).toEqual([]);
    expect(rules(nurseShiftProblems({ ...weekly, nurses: 0 }))).toEqual(['nurses:nurseCount']);
    expect(rules(nurseShiftProblems({ ...weekly, nurses: 51 }))).toEqual(['nurses:nurseCount']);
    expect(nurseShiftProblems({ ...weekly, nurses: 50 })).toEqual([]);
  });
});
