// Outcome statistics: Kaplan–Meier curves of time to loss of relief with R survival's confidence
// bands, numbers at risk, median and quantile durations, the log-rank test between groups, Wilson
// intervals for responder rates, and responder status at each follow-up milestone.
export { kaplanMeier, numbersAtRisk, patientsObserved, survivalAt } from './kaplan-meier';
export type { ReliefObservation, SurvivalCurve, SurvivalPoint, SurvivalStep } from './kaplan-meier';
export { medianSurvival, survivalQuantile } from './median';
export type { TimeWithInterval } from './median';
export { logRank } from './log-rank';
export type { LogRankGroup, LogRankTest, ReliefGroup } from './log-rank';
export { wilsonInterval } from './wilson';
export type { ProportionWithInterval } from './wilson';
export { DEFAULT_RESPONDER_SETTINGS, RELIEF_MILESTONES, reductionFromBaseline, responderStatus } from './responders';
export type {
  PainFollowUp,
  PainReduction,
  ReliefMilestone,
  ResponderAssessment,
  ResponderCode,
  ResponderLevel,
  ResponderReason,
  ResponderSettings,
} from './responders';
export { chiSquareUpperTail } from './chi-square';
export { normalQuantile, zForLevel } from './normal';
export { DEFAULT_OUTCOME_SETTINGS, groupDisclosure } from './disclosure';
export type { Disclosure, DisclosureCode, OutcomeSettings } from './disclosure';
export { conditionalCurve, reliefForecast } from './forecast';
export type { ConditionalPoint, ForecastCode, ForecastReason, ReliefForecast } from './forecast';
