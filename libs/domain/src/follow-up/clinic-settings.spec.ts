import {
  DEFAULT_FOLLOW_UP_CLINIC_SETTINGS,
  followUpClinicSettingsProblems,
  type FollowUpClinicSettings,
} from './clinic-settings';

const withChanges = (change: (s: FollowUpClinicSettings) => FollowUpClinicSettings) =>
  followUpClinicSettingsProblems(change(structuredClone(DEFAULT_FOLLOW_UP_CLINIC_SETTINGS) as FollowUpClinicSettings));

describe('followUpClinicSettingsProblems', () => {
  it('accepts the defaults', () => {
    expect(followUpClinicSettingsProblems(DEFAULT_FOLLOW_UP_CLINIC_SETTINGS)).toEqual([]);
  });

  it('wants window bands from day 1, each after the last', () => {
    const problems = withChanges((s) => ({
      ...s,
      followUp: {
        ...s.followUp,
        windows: [
          { fromOffsetDays: 2, daysBefore: 0, daysAfter: 1 },
          { fromOffsetDays: 28, daysBefore: 2, daysAfter: 3 },
          { fromOffsetDays: 28, daysBefore: 4, daysAfter: 7 },
        ],
      },
    }));
    expect(problems.map((p) => [p.field, p.rule])).toEqual([
      ['followUp.windows.0.fromOffsetDays', 'firstFromDayOne'],
      ['followUp.windows.2.fromOffsetDays', 'ordered'],
    ]);
    expect(withChanges((s) => ({ ...s, followUp: { ...s.followUp, windows: [] } }))[0].rule).toBe('notEmpty');
  });

  it('wants the moderate threshold below the substantial one: 49 and 50 pass, 50 and 50 do not', () => {
    const at = (moderatePercent: number) =>
      withChanges((s) => ({ ...s, relief: { ...s.relief, responder: { ...s.relief.responder, moderatePercent } } }));
    expect(at(49)).toEqual([]);
    expect(at(50).map((p) => p.field)).toEqual(['relief.responder.moderatePercent']);
  });
});
