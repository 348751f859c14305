/**
 * The follow-up and booster rules for the safety registry. Booster reasons carry their rule ids
 * (BOOSTER_RULE_IDS, one per reason code, so a new code cannot be added without one); each id is
 * described here, and the record over every id fails to compile when one is added without a decision.
 */
import { boosterChecks, boosterDecision, BOOSTER_RULE_IDS } from '../follow-up/booster';
import { positiveBladderSymptoms } from '../follow-up/bladder';
import { assessFollowUpRecord, followUpRecordProblems } from '../follow-up/record';
import { clinicMidnight, followUpSchedule } from '../follow-up/schedule';
import { compareForWorklist, followUpStatus, followUpWorklist } from '../follow-up/status';
import { courseRelief, RELIEF_RULE_IDS } from '../follow-up/relief';
import { scorePromisPainInterference6a } from '../follow-up/promis-pain-interference';
import { groupDisclosure } from '../outcomes/disclosure';
import { conditionalCurve, reliefForecast } from '../outcomes/forecast';

type BoosterRuleId = (typeof BOOSTER_RULE_IDS)[keyof typeof BOOSTER_RULE_IDS];
type ReliefRuleId = (typeof RELIEF_RULE_IDS)[keyof typeof RELIEF_RULE_IDS];

const RELIEF_RULES: Record<ReliefRuleId, { summary: string; safetyRelevant: boolean }> = {
  'relief.score': {
    summary:
      "Relief is judged on the follow-up's 7-day average pain against the pre-course baseline (pain now reported beside it); a score outside 0–10 is not counted",
    safetyRelevant: true,
  },
  'relief.baseline': {
    summary: 'A course without a pre-course pain score above 0 has no measured relief and is left out of a curve',
    safetyRelevant: false,
  },
  'relief.lost': {
    summary:
      "Relief is lost at the first follow-up record below the clinic's responder line (30 % by default; exactly the threshold holds), days counted from the last session",
    safetyRelevant: true,
  },
  'relief.censoring': {
    summary:
      'Relief not lost is censored at the last contact (still responding, or lost to follow-up once a window closes unrecorded) or at the start of a new course or booster, whose records are not counted',
    safetyRelevant: true,
  },
};

const BOOSTER_RULES: Record<BoosterRuleId, { summary: string; safetyRelevant: boolean }> = {
  'booster.policy': {
    summary: 'A booster is booked only under a protocol that has boosters, after a completed course',
    safetyRelevant: true,
  },
  'booster.interval': {
    summary:
      "A booster starts no earlier than the protocol's interval (fixed) or minimum days (response-triggered) after the last session",
    safetyRelevant: true,
  },
  'booster.max-per-year': {
    summary: "No year holds more boosters than the protocol's maxPerYear, those booked after the new one counted",
    safetyRelevant: true,
  },
  'booster.relief-lost': {
    summary: 'Under a response-triggered policy a booster waits for relief to fade, or a clinician’s written override',
    safetyRelevant: false,
  },
  'booster.screening-valid': {
    summary: 'A booster needs eligibility valid on its start date',
    safetyRelevant: true,
  },
  'booster.bladder-reviewed': {
    summary:
      'A booster needs bladder answers from the last weeks, and every "yes" since the last course reviewed by a clinician; no override lifts it',
    safetyRelevant: true,
  },
  'booster.cumulative-dose-under-cap': {
    summary:
      "A booster that could take the cumulative dose, or a clinic window's dose, over its cap needs a clinician's written override",
    safetyRelevant: true,
  },
  'booster.response-to-last-course': {
    summary:
      "A booster after a course with no measured response (IMMPACT's 30 % at any follow-up) needs a clinician's written override",
    safetyRelevant: false,
  },
};

export const FOLLOW_UP_RULES: readonly {
  id: string;
  summary: string;
  safetyRelevant: boolean;
  implementedBy: readonly unknown[];
}[] = [
  {
    id: 'outcomes.disclosure',
    summary:
      'An outcome figure of a group below the suppression size (5) is withheld and its group left out of a comparison; one below 20 is flagged small',
    safetyRelevant: true,
    implementedBy: [groupDisclosure],
  },
  {
    id: 'outcomes.forecast',
    summary:
      "The expected end of relief is the median of the clinic's curve conditional on relief to the last day it held, with its interval and the patients behind it; below 10 patients there is no date",
    safetyRelevant: true,
    implementedBy: [reliefForecast, conditionalCurve],
  },
  {
    id: 'follow-up.schedule',
    summary:
      "A completed course has each of its protocol's follow-ups, due its offset in clinic days after the last session, in a window that opens and closes at the clinic's midnight",
    safetyRelevant: true,
    implementedBy: [followUpSchedule, clinicMidnight],
  },
  {
    id: 'follow-up.status',
    summary:
      'A follow-up is due, overdue while its window is open, completed only by a record inside the window, or missed when it closes',
    safetyRelevant: true,
    implementedBy: [followUpStatus],
  },
  {
    id: 'follow-up.worklist-urgency',
    summary:
      "The nurses' worklist puts overdue follow-ups closest to closing first, then those due, then recent misses",
    safetyRelevant: true,
    implementedBy: [followUpWorklist, compareForWorklist],
  },
  {
    id: 'follow-up.record-complete',
    summary:
      'A follow-up record is stored only with every answer, the bladder questions and PHQ-9 included, each in range',
    safetyRelevant: true,
    implementedBy: [followUpRecordProblems],
  },
  {
    id: 'follow-up.bladder-symptoms-flagged',
    summary: 'Any "yes" to a bladder question flags the course for a clinician\'s review before a booster',
    safetyRelevant: true,
    implementedBy: [positiveBladderSymptoms, assessFollowUpRecord],
  },
  {
    id: 'follow-up.suicidality-flagged',
    summary: 'A follow-up PHQ-9 item 9 above "not at all" is flagged for a clinician at once',
    safetyRelevant: true,
    implementedBy: [assessFollowUpRecord],
  },
  {
    id: 'follow-up.promis-pi-6a-score',
    summary: 'PROMIS Pain Interference 6a is scored only with all six answers, by the summed-score table',
    safetyRelevant: false,
    implementedBy: [scorePromisPainInterference6a],
  },
  ...Object.entries(BOOSTER_RULES).map(([id, rule]) => ({
    id,
    ...rule,
    implementedBy: [boosterChecks, boosterDecision],
  })),
  ...Object.entries(RELIEF_RULES).map(([id, rule]) => ({ id, ...rule, implementedBy: [courseRelief] })),
];
