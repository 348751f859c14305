import type { FieldProblem } from '../scheduling/clinic-rules';
import { DEFAULT_RELIEF_SETTINGS, type ReliefSettings } from './relief';
import { DEFAULT_FOLLOW_UP_SETTINGS, type FollowUpSettings } from './settings';

/**
 * What a clinic sets for follow-up, relief and boosters, stored on the clinic over these defaults.
 * The responder thresholds serve both the relief line and the booster's response checks.
 */
export interface FollowUpClinicSettings {
  followUp: FollowUpSettings;
  relief: ReliefSettings;
  /**
   * Days a clinician's written booster approval (accepting relative reasons) may be cited by a
   * booking: the facts it accepted (doses so far, the last response) go stale. Four weeks, as the
   * bladder answers a booster rests on.
   */
  boosterApprovalValidDays: number;
}

export const DEFAULT_FOLLOW_UP_CLINIC_SETTINGS: Readonly<FollowUpClinicSettings> = {
  followUp: DEFAULT_FOLLOW_UP_SETTINGS,
  relief: DEFAULT_RELIEF_SETTINGS,
  boosterApprovalValidDays: 28,
};

/**
 * Why a clinic's effective follow-up settings cannot be saved: values that contradict each other.
 * Ranges of single fields are checked where they are entered; nothing is clamped.
 */
export function followUpClinicSettingsProblems(settings: FollowUpClinicSettings): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { windows } = settings.followUp;
  if (windows.length === 0)
    problems.push({ field: 'followUp.windows', rule: 'notEmpty', message: 'At least one window band is needed' });
  else if (windows[0].fromOffsetDays !== 1)
    problems.push({
      field: 'followUp.windows.0.fromOffsetDays',
      rule: 'firstFromDayOne',
      message: `The first window band applies from day 1, not day ${windows[0].fromOffsetDays}`,
    });
  windows.forEach((band, i) => {
    if (i > 0 && band.fromOffsetDays <= windows[i - 1].fromOffsetDays)
      problems.push({
        field: `followUp.windows.${i}.fromOffsetDays`,
        rule: 'ordered',
        message: `Window bands are listed by fromOffsetDays, each after the last (${windows[i - 1].fromOffsetDays}, then ${band.fromOffsetDays})`,
      });
  });
  const { moderatePercent, substantialPercent } = settings.relief.responder;
  if (!(moderatePercent < substantialPercent))
    problems.push({
      field: 'relief.responder.moderatePercent',
      rule: 'ordered',
      message: `moderatePercent (${moderatePercent}) must be below substantialPercent (${substantialPercent})`,
    });
  return problems;
}
