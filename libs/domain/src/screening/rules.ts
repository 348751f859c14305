import { instrumentAnswers, numberAnswer, textAnswer, yesNo, type Answers, type Sex } from './answers';
import { isCalendarDate } from '../patient';
import { addMonths } from './dates';
import { cssrsRiskLevel, scoreAuditC, scoreCssrsScreen, type CssrsRisk } from './instruments';
import { DEFAULT_HR_REVIEW, type ClinicScreeningSettings } from './settings';
import { AT_CARDIOVASCULAR_RISK, conditionHolds } from './templates';

/**
 * The eligibility rules, one per contraindication, grouped by checklist. Each rule's source says
 * whether it comes from the 2018 consensus guideline or is Cadence clinical policy.
 *
 * The guideline speaks of contraindications and precautions; Cadence turns them into two
 * severities. ABSOLUTE blocks treatment and no override lifts it (the patient is re-screened
 * once the cause is treated). RELATIVE holds treatment until a clinician reviews and overrides
 * with a reason. Rules fire only on answers actually recorded; whether a screening is complete
 * is checked by validateAnswers before it can be signed.
 */

export type RuleSeverity = 'ABSOLUTE' | 'RELATIVE';

export interface EligibilityInput {
  /** Answers of the screenings at hand, merged (item ids are unique across the templates). */
  answers: Answers;
  /** The clinic calendar date the answers describe (YYYY-MM-DD), for "within 6 months". */
  assessedOn: string;
  /** From the patient record; AUDIT-C needs it. Absent → the cautious cut-off. */
  sex?: Sex;
}

export interface RuleFinding {
  /** What in the answers made the rule fire, in numbers and words a clinician can check. */
  evidence: string;
  suicidality?: boolean;
  noSerialInfusionsWithoutOverride?: boolean;
}

export interface EligibilityRule {
  id: string;
  /** Plain-language reason shown to staff. */
  reason: string;
  severity: RuleSeverity;
  /** Where the rule comes from. */
  source: string;
  evaluate(input: EligibilityInput, settings: ClinicScreeningSettings): RuleFinding | undefined;
}

const GUIDELINE =
  'Cohen SP et al. Consensus guidelines on the use of intravenous ketamine infusions for chronic pain ' +
  'from ASRA, AAPM and ASA. Reg Anesth Pain Med 2018;43(5):521–546';

const cite = (note: string) => `${GUIDELINE} — ${note}`;

// ---------------------------------------------------------------------------------------------
// Blood pressure: one reading can be white-coat or a cuff error, so only a high reading confirmed
// by the second one blocks; a single one asks a clinician to look.

export type BloodPressureClass = 'WITHIN_LIMITS' | 'ABOVE_REVIEW' | 'BLOCK_UNCONFIRMED' | 'BLOCK_CONFIRMED';

interface Reading {
  n: 1 | 2;
  systolic?: number;
  diastolic?: number;
}

function readings(answers: Answers): Reading[] {
  return ([1, 2] as const)
    .map((n) => ({
      n,
      systolic: numberAnswer(answers, `bp${n}_systolic`),
      diastolic: numberAnswer(answers, `bp${n}_diastolic`),
    }))
    .filter((r) => r.systolic !== undefined || r.diastolic !== undefined);
}

const atOrAbove = (r: Reading, limit: { systolic: number; diastolic: number }) =>
  (r.systolic ?? -Infinity) >= limit.systolic || (r.diastolic ?? -Infinity) >= limit.diastolic;
const above = (r: Reading, limit: { systolic: number; diastolic: number }) =>
  (r.systolic ?? -Infinity) > limit.systolic || (r.diastolic ?? -Infinity) > limit.diastolic;

export function classifyBloodPressure(answers: Answers, settings: ClinicScreeningSettings): BloodPressureClass {
  const all = readings(answers);
  const blocking = all.filter((r) => atOrAbove(r, settings.bpBlock));
  if (blocking.length === 2) return 'BLOCK_CONFIRMED';
  if (blocking.length === 1) return 'BLOCK_UNCONFIRMED';
  if (all.some((r) => above(r, settings.bpReview))) return 'ABOVE_REVIEW';
  return 'WITHIN_LIMITS';
}

function describeReadings(answers: Answers): string {
  const show = (v: number | undefined) => (v === undefined ? '?' : String(v));
  const list = readings(answers).map((r) => `reading ${r.n} ${show(r.systolic)}/${show(r.diastolic)}`);
  return `${list.join(', ')} mmHg`;
}

const limit = (l: { systolic: number; diastolic: number }) => `${l.systolic}/${l.diastolic} mmHg`;

function bloodPressureRule(
  id: string,
  severity: RuleSeverity,
  reason: string,
  when: BloodPressureClass,
  limitNote: (s: ClinicScreeningSettings) => string,
): EligibilityRule {
  return {
    id,
    severity,
    reason,
    source: cite('contraindications: poorly controlled cardiovascular disease; limits are clinic settings'),
    evaluate: ({ answers }, settings) =>
      classifyBloodPressure(answers, settings) === when
        ? { evidence: `${describeReadings(answers)}; ${limitNote(settings)}` }
        : undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// Small helpers that keep the rules below reading like the checklist.

const answeredYes = (id: string) => (input: EligibilityInput) => yesNo(input.answers, id) === true;

function yesRule(
  id: string,
  severity: RuleSeverity,
  reason: string,
  source: string,
  fires: (input: EligibilityInput) => boolean,
  evidence: string,
): EligibilityRule {
  return { id, severity, reason, source, evaluate: (input) => (fires(input) ? { evidence } : undefined) };
}

function recentMyocardialInfarction({ answers, assessedOn }: EligibilityInput): string | undefined {
  if (yesNo(answers, 'mi_within_6_months') === true) return 'Myocardial infarction within the last 6 months (reported)';
  const date = textAnswer(answers, 'mi_last_date');
  // "Within 6 months" includes the day exactly 6 calendar months before the assessment.
  if (isCalendarDate(date) && date >= addMonths(assessedOn, -6)) {
    return `Last myocardial infarction on ${date}, within 6 months of ${assessedOn}`;
  }
  return undefined;
}

function suicidalityEvidence(answers: Answers): string[] {
  const found: string[] = [];
  const cssrs = instrumentAnswers(answers, 'cssrs');
  if (cssrs && scoreCssrsScreen(cssrs).flags.includes('SUICIDALITY')) {
    const yeses = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6'].filter((q) => cssrs[q] === true);
    found.push(`C-SSRS yes to ${yeses.map((q) => q.toUpperCase()).join(', ')} (risk ${cssrsRiskLevel(cssrs)})`);
  }
  const phq9Item9 = instrumentAnswers(answers, 'phq9')?.['q9'];
  if (typeof phq9Item9 === 'number' && phq9Item9 > 0) found.push(`PHQ-9 item 9 = ${phq9Item9}`);
  return found;
}

function cssrsRisk(answers: Answers): CssrsRisk | undefined {
  const cssrs = instrumentAnswers(answers, 'cssrs');
  return cssrs ? cssrsRiskLevel(cssrs) : undefined;
}

// ---------------------------------------------------------------------------------------------
// The rules

export const ELIGIBILITY_RULES: readonly EligibilityRule[] = [
  // Cardiovascular ----------------------------------------------------------------------------
  bloodPressureRule(
    'bp-block-confirmed',
    'ABSOLUTE',
    'Blood pressure at or above the blocking limit, confirmed by the second reading',
    'BLOCK_CONFIRMED',
    (s) => `blocking limit ${limit(s.bpBlock)} (clinic setting)`,
  ),
  bloodPressureRule(
    'bp-block-unconfirmed',
    'RELATIVE',
    'Blood pressure at or above the blocking limit on one reading, unconfirmed by the other',
    'BLOCK_UNCONFIRMED',
    (s) => `blocking limit ${limit(s.bpBlock)} (clinic setting)`,
  ),
  bloodPressureRule(
    'bp-above-review',
    'RELATIVE',
    'Blood pressure above the review limit',
    'ABOVE_REVIEW',
    (s) => `review above ${limit(s.bpReview)} (clinic setting)`,
  ),
  {
    id: 'resting-tachycardia',
    severity: 'RELATIVE',
    reason: 'Resting heart rate above the review limit; ketamine raises heart rate further',
    source: cite('contraindications: poorly controlled cardiovascular disease; limit is a clinic setting'),
    evaluate: ({ answers }, settings) => {
      const hr = numberAnswer(answers, 'heart_rate');
      const reviewAbove = settings.hrReview ?? DEFAULT_HR_REVIEW;
      return hr !== undefined && hr > reviewAbove
        ? { evidence: `Heart rate ${hr} bpm; review above ${reviewAbove} bpm` }
        : undefined;
    },
  },
  yesRule(
    'hypertension-uncontrolled',
    'ABSOLUTE',
    'Hypertension not controlled on current treatment',
    cite('contraindications: poorly controlled cardiovascular disease'),
    (i) => yesNo(i.answers, 'hypertension') === true && yesNo(i.answers, 'hypertension_controlled') === false,
    'Known hypertension, recorded as not controlled',
  ),
  {
    id: 'mi-within-6-months',
    severity: 'ABSOLUTE',
    reason: 'Myocardial infarction in the last 6 months',
    source: cite('contraindications: poorly controlled cardiovascular disease (recent myocardial infarction)'),
    evaluate: (input) => {
      const evidence = recentMyocardialInfarction(input);
      return evidence ? { evidence } : undefined;
    },
  },
  yesRule(
    'angina-unstable',
    'ABSOLUTE',
    'Unstable angina',
    cite('contraindications: poorly controlled cardiovascular disease (ischaemic heart disease)'),
    answeredYes('angina_unstable'),
    'Angina at rest, or new or worsening in the last 3 months',
  ),
  yesRule(
    'heart-failure-decompensated',
    'ABSOLUTE',
    'Decompensated heart failure',
    cite('contraindications: poorly controlled cardiovascular disease'),
    answeredYes('heart_failure_decompensated'),
    'Heart failure with symptoms at rest or a recent admission or treatment change',
  ),
  yesRule(
    'arrhythmia-uncontrolled',
    'ABSOLUTE',
    'Arrhythmia not rate- or rhythm-controlled',
    cite('contraindications: poorly controlled cardiovascular disease'),
    (i) => yesNo(i.answers, 'arrhythmia') === true && yesNo(i.answers, 'arrhythmia_controlled') === false,
    'Known arrhythmia, recorded as not controlled',
  ),
  yesRule(
    'aneurysm-unrepaired',
    'ABSOLUTE',
    'Unrepaired aneurysm or arteriovenous malformation: a rise in blood pressure could rupture it',
    'Ketamine prescribing information (contraindicated where a significant rise in blood pressure would be a serious hazard); ' +
      cite('poorly controlled cardiovascular disease'),
    answeredYes('aneurysm_unrepaired'),
    'Known unrepaired aortic or intracranial aneurysm or AVM',
  ),
  yesRule(
    'ecg-missing-at-cardiovascular-risk',
    'RELATIVE',
    'No baseline ECG on file for a patient with cardiovascular disease',
    cite('pre-infusion testing: baseline ECG when cardiovascular disease is suspected or risk is high'),
    (i) => conditionHolds(AT_CARDIOVASCULAR_RISK, i.answers) && yesNo(i.answers, 'ecg_on_file') === false,
    'Known cardiovascular disease and no ECG on file',
  ),

  // Psychiatric -------------------------------------------------------------------------------
  yesRule(
    'psychosis-active',
    'ABSOLUTE',
    'Active psychosis: ketamine can worsen psychotic symptoms',
    cite('contraindications: active psychosis'),
    answeredYes('psychosis_active'),
    'Psychosis or schizophrenia recorded as currently active',
  ),
  yesRule(
    'psychosis-history',
    'RELATIVE',
    'History of psychosis, not currently active',
    cite('avoid in poorly controlled psychosis; a history in remission is for a clinician to weigh'),
    (i) => yesNo(i.answers, 'psychosis_history') === true && yesNo(i.answers, 'psychosis_active') === false,
    'History of psychosis or schizophrenia, recorded as not active',
  ),
  yesRule(
    'bipolar-without-mood-stabiliser',
    'RELATIVE',
    'Bipolar disorder without a mood stabiliser: ketamine may precipitate mania',
    'Cadence clinical policy (not among the guideline contraindications); informed by ' +
      cite('psychiatric adverse effects'),
    (i) => yesNo(i.answers, 'bipolar') === true && yesNo(i.answers, 'mood_stabiliser') === false,
    'Bipolar disorder, no mood stabiliser recorded',
  ),
  {
    id: 'substance-misuse-active',
    severity: 'RELATIVE',
    reason: 'Active substance misuse: no serial infusions without a clinician override',
    source: cite('serial infusions should not be undertaken with an active substance abuse problem'),
    evaluate: ({ answers }) => {
      const found: string[] = [];
      if (yesNo(answers, 'substance_use_disorder_current') === true) found.push('current substance use disorder');
      if (yesNo(answers, 'drug_use_12_months') === true) found.push('non-prescribed drug use in the past 12 months');
      return found.length > 0
        ? { evidence: capitalise(found.join('; ')), noSerialInfusionsWithoutOverride: true }
        : undefined;
    },
  },
  {
    // A positive AUDIT-C screens for hazardous drinking; it is not a diagnosis of a use disorder,
    // so it asks for review without the serial-infusion marker. If the clinician finds a current
    // disorder, recording it sets the marker through the rule above.
    id: 'alcohol-screen-positive',
    severity: 'RELATIVE',
    reason: 'Positive alcohol screen (AUDIT-C): hazardous drinking to be assessed',
    source: cite('active substance abuse; liver tests in people at risk of liver toxicity such as heavy alcohol use'),
    evaluate: ({ answers, sex }) => {
      const audit = instrumentAnswers(answers, 'auditc');
      if (!audit) return undefined;
      const result = scoreAuditC(audit, { sex });
      if (result.band !== 'POSITIVE') return undefined;
      return { evidence: [`AUDIT-C ${result.score}: ${result.bandLabel}`, ...result.notes].join('. ') };
    },
  },
  {
    // Careful choice: a HIGH C-SSRS triage blocks outright rather than waiting for review. High risk
    // calls for same-day mental-health assessment, not an infusion; once that is done a new
    // psychiatric screening is recorded and decides afresh. No override can lift it.
    id: 'suicide-risk-high',
    severity: 'ABSOLUTE',
    reason: 'High suicide risk on the C-SSRS screener: urgent mental-health assessment before any treatment',
    source:
      'C-SSRS screener triage (Columbia Lighthouse Project); Cadence clinical policy, not among the guideline contraindications',
    evaluate: ({ answers }) =>
      cssrsRisk(answers) === 'HIGH'
        ? { evidence: suicidalityEvidence(answers).join('; '), suicidality: true }
        : undefined,
  },
  {
    id: 'suicidality-positive',
    severity: 'RELATIVE',
    reason: 'Positive suicidality screen: a clinician reviews before treatment',
    source: 'C-SSRS screener and PHQ-9 item 9; Cadence clinical policy, not among the guideline contraindications',
    evaluate: ({ answers }) => {
      const evidence = suicidalityEvidence(answers);
      return evidence.length > 0 ? { evidence: evidence.join('; '), suicidality: true } : undefined;
    },
  },

  // General -----------------------------------------------------------------------------------
  yesRule(
    'pregnancy',
    'ABSOLUTE',
    'Pregnant or possibly pregnant: ketamine is avoided until pregnancy is excluded',
    cite('contraindications: pregnancy'),
    (i) => ['yes', 'possible'].includes(textAnswer(i.answers, 'pregnancy') ?? ''),
    'Pregnancy recorded as yes or not excluded',
  ),
  yesRule(
    'liver-disease-severe',
    'ABSOLUTE',
    'Severe liver disease',
    cite('hepatic dysfunction: avoid in severe impairment'),
    (i) => textAnswer(i.answers, 'liver_disease') === 'severe',
    'Liver disease recorded as severe',
  ),
  {
    id: 'liver-disease-moderate',
    severity: 'RELATIVE',
    reason: 'Moderate liver disease: ketamine only with care and liver-test monitoring',
    source: cite('hepatic dysfunction: judicious use with monitoring in moderate disease'),
    evaluate: ({ answers }) => {
      if (textAnswer(answers, 'liver_disease') !== 'moderate') return undefined;
      const alt = numberAnswer(answers, 'alt');
      const ast = numberAnswer(answers, 'ast');
      const tests = alt !== undefined || ast !== undefined ? `; ALT ${alt ?? '?'} U/L, AST ${ast ?? '?'} U/L` : '';
      return { evidence: `Liver disease recorded as moderate${tests}` };
    },
  },
  yesRule(
    'raised-intracranial-pressure',
    'RELATIVE',
    'Raised intracranial pressure: ketamine may raise it further',
    cite('elevated intracranial pressure: avoid, or lower doses with extreme caution'),
    answeredYes('raised_intracranial_pressure'),
    'Raised intracranial pressure recorded',
  ),
  yesRule(
    'raised-intraocular-pressure',
    'RELATIVE',
    'Raised intraocular pressure (e.g. glaucoma): ketamine may raise it further',
    cite('elevated intraocular pressure: avoid, or lower doses with extreme caution'),
    answeredYes('raised_intraocular_pressure'),
    'Raised intraocular pressure recorded',
  ),
  yesRule(
    'urinary-symptoms',
    'RELATIVE',
    'Urinary or bladder symptoms before treatment: ketamine can damage the bladder, so a baseline is reviewed',
    'Cadence clinical policy (ketamine-associated uropathy with repeated dosing); not among the guideline contraindications',
    answeredYes('urinary_symptoms'),
    'Urinary or bladder symptoms recorded',
  ),
  {
    id: 'interacting-medications',
    severity: 'RELATIVE',
    reason: 'Takes medicines that interact with ketamine; dose and timing need a clinician',
    source:
      'Cadence clinical policy from ketamine prescribing information (interactions); not among the guideline contraindications',
    evaluate: ({ answers }) => {
      const found: string[] = [];
      // MAO inhibitors add to ketamine's pressor effect; benzodiazepines add sedation and blunt the
      // response; lamotrigine blunts the response.
      if (yesNo(answers, 'takes_maoi') === true) found.push('MAO inhibitor');
      if (yesNo(answers, 'takes_benzodiazepine') === true) found.push('benzodiazepine');
      if (yesNo(answers, 'takes_lamotrigine') === true) found.push('lamotrigine');
      return found.length > 0 ? { evidence: `Takes ${found.join(', ')}` } : undefined;
    },
  },
];

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
