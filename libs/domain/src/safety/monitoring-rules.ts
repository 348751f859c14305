/**
 * The monitoring rules of the infusion day (vitals flowsheet, adverse events) for the safety
 * registry. Each alert code is listed so a new one cannot be added without a decision here; they
 * share the threshold rule's id.
 */
import { bloodPressurePairProblem } from '../infusion/blood-pressure';
import { adverseEventProblems, clinicianAlertReasons } from '../infusion/adverse-events';
import {
  adverseEventDrafts,
  vitalsAlerts,
  vitalsDue,
  vitalsReadingProblems,
  type VitalsAlertCode,
} from '../infusion/vitals';

const ALERT_CODES: Record<VitalsAlertCode, string> = {
  BP_HIGH: 'blood pressure above the limit (recheck, then pause; at once above the severe limit)',
  BP_LOW: 'systolic below the limit',
  HEART_RATE_HIGH: 'heart rate above the limit (recheck, then slow)',
  HEART_RATE_LOW: 'heart rate below the limit',
  SPO2_LOW: 'SpO2 below the limit',
  RESPIRATORY_RATE_LOW: 'breathing slower than the limit (stop)',
  RESPIRATORY_RATE_HIGH: 'breathing faster than the limit',
  SEDATION_DEEP: 'RASS deeper than the limit (stop)',
  AGITATION: 'RASS above the limit',
  DISSOCIATION_SEVERE: 'dissociation rated above the limit',
};

export const MONITORING_RULES: readonly {
  id: string;
  summary: string;
  safetyRelevant: boolean;
  implementedBy: readonly unknown[];
}[] = [
  {
    id: 'vitals.alert-thresholds',
    summary: `A reading strictly beyond a clinic or protocol limit raises an alert with its suggested action: ${Object.values(ALERT_CODES).join('; ')}`,
    safetyRelevant: true,
    implementedBy: [vitalsAlerts],
  },
  {
    id: 'vitals.entered-as-measured',
    summary:
      'A reading is stored as entered, within what a monitor can show, or refused with the field and its range; never clamped',
    safetyRelevant: true,
    implementedBy: [vitalsReadingProblems],
  },
  {
    id: 'blood-pressure.pair-possible',
    summary:
      'A blood pressure with the diastolic at or above the systolic is refused wherever it is entered (screening, check-in, flowsheet)',
    safetyRelevant: true,
    implementedBy: [bloodPressurePairProblem],
  },
  {
    id: 'vitals.due-and-overdue',
    summary:
      "Vitals are due at the infusion's start, then at the protocol's interval (sooner when a reading asks for a recheck), and show overdue after",
    safetyRelevant: true,
    implementedBy: [vitalsDue],
  },
  {
    id: 'vitals.crossing-drafts-adverse-event',
    summary:
      "A reading's first crossing drafts an adverse event with its CTCAE term (and the grade the reading meets) for the nurse to confirm or dismiss",
    safetyRelevant: true,
    implementedBy: [adverseEventDrafts],
  },
  {
    id: 'adverse-event.ctcae-graded',
    summary:
      "An adverse event is recorded with a CTCAE v5 term and one of that term's defined grades, its actions and outcome",
    safetyRelevant: true,
    implementedBy: [adverseEventProblems],
  },
  {
    id: 'adverse-event.alert-clinician',
    summary: 'A serious or grade ≥ 3 adverse event alerts the supervising clinician and the admins at once',
    safetyRelevant: true,
    implementedBy: [clinicianAlertReasons],
  },
];
