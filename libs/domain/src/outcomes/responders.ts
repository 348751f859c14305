/**
 * Whether a patient responded to a course at each milestone, from the 0–10 pain NRS at the
 * follow-up against the pre-course baseline, by IMMPACT's thresholds (Dworkin et al. 2008;
 * clinical-facts §4): a ≥ 30 % reduction is moderately important, ≥ 50 % substantial; the notes
 * keep the absolute threshold beside the percent (≈ 2 NRS points, Farrar et al. 2001). Every
 * threshold is a setting. The outcomes figures count these per milestone.
 */
export const RELIEF_MILESTONES = ['TWO_WEEKS', 'ONE_MONTH', 'THREE_MONTHS', 'SIX_MONTHS'] as const;
export type ReliefMilestone = (typeof RELIEF_MILESTONES)[number];

export interface ResponderSettings {
  /** Percent reduction from baseline that is moderately important (IMMPACT: ≥ 30 %). */
  moderatePercent: number;
  /** Percent reduction from baseline that is substantial (IMMPACT: ≥ 50 %). */
  substantialPercent: number;
  /** NRS points of reduction kept beside the percent (Farrar 2001: about 2 points). */
  minimumPoints: number;
  /** The follow-up offset, in days after the course, that stands for each milestone. */
  milestoneDays: Record<ReliefMilestone, number>;
}

export const DEFAULT_RESPONDER_SETTINGS: Readonly<ResponderSettings> = {
  moderatePercent: 30,
  substantialPercent: 50,
  minimumPoints: 2,
  // The protocol catalogue schedules follow-ups in weeks: 14, 28, 84 and 168 days are 2, 4, 12 and 24 weeks.
  milestoneDays: { TWO_WEEKS: 14, ONE_MONTH: 28, THREE_MONTHS: 84, SIX_MONTHS: 168 },
};

/** A follow-up's pain score (NRS 0–10, a 7-day average may be fractional) at its scheduled offset. */
export interface PainFollowUp {
  offsetDays: number;
  painNrs: number;
}

export type ResponderLevel = 'SUBSTANTIAL' | 'MODERATE' | 'BELOW_MODERATE';
export type ResponderCode =
  | 'NO_BASELINE'
  | 'NO_BASELINE_PAIN'
  | 'NO_FOLLOW_UP'
  | 'NRS_OUT_OF_RANGE'
  | ResponderLevel
  | 'POINTS_MET'
  | 'POINTS_NOT_MET';

export interface ResponderReason {
  code: ResponderCode;
  ruleId: string;
  message: string;
}

export interface ResponderAssessment {
  milestone: ReliefMilestone;
  offsetDays: number;
  /** False when the milestone cannot be judged (no baseline, no follow-up, a score out of range): see reasons. */
  assessed: boolean;
  painNrs: number | null;
  percentReduction: number | null;
  pointsReduction: number | null;
  /** Null when not assessed. */
  level: ResponderLevel | null;
  pointsResponder: boolean | null;
  reasons: ResponderReason[];
}

// Fractional 7-day averages (6.3, 4.41) make the boundary products inexact in binary; a reduction
// within this of a threshold counts as reaching it, as it would on paper.
const BOUNDARY = 1e-9;

const validNrs = (score: number) => Number.isFinite(score) && score >= 0 && score <= 10;

/** The responder assessment at every milestone; a follow-up at no milestone's offset is not used. */
export function responderStatus(
  baselinePainNrs: number | null,
  followUps: readonly PainFollowUp[],
  settings: ResponderSettings = DEFAULT_RESPONDER_SETTINGS,
): ResponderAssessment[] {
  return RELIEF_MILESTONES.map((milestone) => {
    const offsetDays = settings.milestoneDays[milestone];
    return assessResponse(
      milestone,
      offsetDays,
      baselinePainNrs,
      followUps.find((f) => f.offsetDays === offsetDays),
      settings,
    );
  });
}

export interface PainReduction {
  pointsReduction: number;
  percentReduction: number;
  level: ResponderLevel;
  pointsResponder: boolean;
}

/** The reduction from a baseline above 0 to a later score (both 0–10), and the IMMPACT level it reaches. */
export function reductionFromBaseline(
  baseline: number,
  painNrs: number,
  settings: Pick<ResponderSettings, 'moderatePercent' | 'substantialPercent' | 'minimumPoints'>,
): PainReduction {
  const pointsReduction = baseline - painNrs;
  const percentReduction = (pointsReduction / baseline) * 100;
  const reaches = (percent: number) => pointsReduction * 100 >= percent * baseline - BOUNDARY;
  const level: ResponderLevel = reaches(settings.substantialPercent)
    ? 'SUBSTANTIAL'
    : reaches(settings.moderatePercent)
      ? 'MODERATE'
      : 'BELOW_MODERATE';
  return {
    pointsReduction,
    percentReduction,
    level,
    pointsResponder: pointsReduction >= settings.minimumPoints - BOUNDARY,
  };
}

function assessResponse(
  milestone: ReliefMilestone,
  offsetDays: number,
  baseline: number | null,
  followUp: PainFollowUp | undefined,
  settings: ResponderSettings,
): ResponderAssessment {
  const notAssessed = (...reasons: ResponderReason[]): ResponderAssessment => ({
    milestone,
    offsetDays,
    assessed: false,
    painNrs: followUp?.painNrs ?? null,
    percentReduction: null,
    pointsReduction: null,
    level: null,
    pointsResponder: null,
    reasons,
  });
  if (baseline === null)
    return notAssessed({
      code: 'NO_BASELINE',
      ruleId: 'outcomes.responder.baseline',
      message: 'No pre-course pain score was recorded, so no change can be measured',
    });
  if (!followUp)
    return notAssessed({
      code: 'NO_FOLLOW_UP',
      ruleId: 'outcomes.responder.follow-up',
      message: `No follow-up pain score at day ${offsetDays}`,
    });
  if (!validNrs(baseline) || !validNrs(followUp.painNrs))
    return notAssessed({
      code: 'NRS_OUT_OF_RANGE',
      ruleId: 'outcomes.responder.nrs-range',
      message: `Pain scores are 0–10; baseline ${baseline}, follow-up ${followUp.painNrs}`,
    });
  if (baseline === 0)
    return notAssessed({
      code: 'NO_BASELINE_PAIN',
      ruleId: 'outcomes.responder.baseline',
      message: 'The pre-course pain score was 0, so a percent reduction is undefined',
    });
  const { pointsReduction, percentReduction, level, pointsResponder } = reductionFromBaseline(
    baseline,
    followUp.painNrs,
    settings,
  );
  const change = `pain ${followUp.painNrs} at day ${offsetDays} against ${baseline} before the course, a ${round(percentReduction)} % reduction`;
  const levelMessage: Record<ResponderLevel, string> = {
    SUBSTANTIAL: `${change}: at least the ${settings.substantialPercent} % IMMPACT calls substantial`,
    MODERATE: `${change}: at least the ${settings.moderatePercent} % IMMPACT calls moderately important, below ${settings.substantialPercent} %`,
    BELOW_MODERATE: `${change}: below the ${settings.moderatePercent} % IMMPACT calls moderately important`,
  };
  return {
    milestone,
    offsetDays,
    assessed: true,
    painNrs: followUp.painNrs,
    percentReduction,
    pointsReduction,
    level,
    pointsResponder,
    reasons: [
      { code: level, ruleId: 'outcomes.responder.percent-reduction', message: capitalise(levelMessage[level]) },
      {
        code: pointsResponder ? 'POINTS_MET' : 'POINTS_NOT_MET',
        ruleId: 'outcomes.responder.points-reduction',
        message: `${round(pointsReduction)} NRS points of reduction, ${pointsResponder ? 'at least' : 'fewer than'} ${settings.minimumPoints}`,
      },
    ],
  };
}

const round = (value: number) => Math.round(value * 10) / 10;
const capitalise = (text: string) => text[0].toUpperCase() + text.slice(1);
