/**
 * CTCAE v5.0 terms relevant to ketamine, with each grade's definition as the NCI workbook words it
 * (clinical-facts §3, parsed from CTCAE_v5.0_2017-11-27.xlsx; adult text). Term text only: each
 * CTCAE term is a MedDRA LLT and MedDRA codes are licensed, so Cadence uses its own ids. A grade the
 * workbook leaves undefined ("–") is absent and cannot be chosen.
 */
export interface AdverseEventTerm {
  id: AdverseEventTermId;
  term: string;
  grades: Partial<Record<AdverseEventGrade, string>>;
}
export type AdverseEventGrade = 1 | 2 | 3 | 4 | 5;

const DEATH = 'Death';

export const ADVERSE_EVENT_TERMS = [
  {
    id: 'hypertension',
    term: 'Hypertension',
    grades: {
      1: 'Systolic BP 120 - 139 mm Hg or diastolic BP 80 - 89 mm Hg',
      2: 'Systolic BP 140 - 159 mm Hg or diastolic BP 90 - 99 mm Hg if previously WNL; change in baseline medical intervention indicated; recurrent or persistent (>=24 hrs); symptomatic increase by >20 mm Hg (diastolic) or to >140/90 mm Hg; monotherapy indicated initiated',
      3: 'Systolic BP >=160 mm Hg or diastolic BP >=100 mm Hg; medical intervention indicated; more than one drug or more intensive therapy than previously used indicated',
      4: 'Life-threatening consequences (e.g., malignant hypertension, transient or permanent neurologic deficit, hypertensive crisis); urgent intervention indicated',
      5: DEATH,
    },
  },
  {
    id: 'hypotension',
    term: 'Hypotension',
    grades: {
      1: 'Asymptomatic, intervention not indicated',
      2: 'Non-urgent medical intervention indicated',
      3: 'Medical intervention indicated; hospitalization indicated',
      4: 'Life-threatening consequences and urgent intervention indicated',
      5: DEATH,
    },
  },
  {
    id: 'sinus_tachycardia',
    term: 'Sinus tachycardia',
    grades: {
      1: 'Asymptomatic, intervention not indicated',
      2: 'Symptomatic; non-urgent medical intervention indicated',
      3: 'Urgent medical intervention indicated',
    },
  },
  {
    id: 'sinus_bradycardia',
    term: 'Sinus bradycardia',
    grades: {
      1: 'Asymptomatic, intervention not indicated',
      2: 'Symptomatic, intervention not indicated; change in medication initiated',
      3: 'Symptomatic, intervention indicated',
      4: 'Life-threatening consequences; urgent intervention indicated',
      5: DEATH,
    },
  },
  {
    id: 'nausea',
    term: 'Nausea',
    grades: {
      1: 'Loss of appetite without alteration in eating habits',
      2: 'Oral intake decreased without significant weight loss, dehydration or malnutrition',
      3: 'Inadequate oral caloric or fluid intake; tube feeding, TPN, or hospitalization indicated',
    },
  },
  {
    id: 'vomiting',
    term: 'Vomiting',
    grades: {
      1: 'Intervention not indicated',
      2: 'Outpatient IV hydration; medical intervention indicated',
      3: 'Tube feeding, TPN, or hospitalization indicated',
      4: 'Life-threatening consequences',
      5: DEATH,
    },
  },
  {
    id: 'dizziness',
    term: 'Dizziness',
    grades: {
      1: 'Mild unsteadiness or sensation of movement',
      2: 'Moderate unsteadiness or sensation of movement; limiting instrumental ADL',
      3: 'Severe unsteadiness or sensation of movement; limiting self care ADL',
    },
  },
  {
    id: 'hallucinations',
    term: 'Hallucinations',
    grades: {
      1: 'Mild hallucinations (e.g., perceptual distortions)',
      2: 'Moderate hallucinations',
      3: 'Severe hallucinations; hospitalization not indicated',
      4: 'Life-threatening consequences, threats of harm to self or others; hospitalization indicated',
      5: DEATH,
    },
  },
  {
    id: 'anxiety',
    term: 'Anxiety',
    grades: {
      1: 'Mild symptoms; intervention not indicated',
      2: 'Moderate symptoms; limiting instrumental ADL',
      3: 'Severe symptoms; limiting self care ADL; hospitalization indicated',
      4: 'Life-threatening consequences; urgent intervention indicated',
    },
  },
  {
    id: 'agitation',
    term: 'Agitation',
    grades: {
      1: 'Mild mood alteration',
      2: 'Moderate mood alteration',
      3: 'Severe agitation; hospitalization not indicated',
      4: 'Life-threatening consequences; urgent intervention indicated',
    },
  },
  {
    id: 'confusion',
    term: 'Confusion',
    grades: {
      1: 'Mild disorientation',
      2: 'Moderate disorientation; limiting instrumental ADL',
      3: 'Severe disorientation; limiting self care ADL',
      4: 'Life-threatening consequences; urgent intervention indicated',
    },
  },
  {
    id: 'euphoria',
    term: 'Euphoria',
    grades: {
      1: 'Mild mood elevation',
      2: 'Moderate mood elevation',
      3: 'Severe mood elevation (e.g., hypomania)',
    },
  },
  {
    id: 'somnolence',
    term: 'Somnolence',
    grades: {
      1: 'Mild but more than usual drowsiness or sleepiness',
      2: 'Moderate sedation; limiting instrumental ADL',
      3: 'Obtundation or stupor',
      4: 'Life-threatening consequences; urgent intervention indicated',
      5: DEATH,
    },
  },
  {
    id: 'depressed_consciousness',
    term: 'Depressed level of consciousness',
    grades: {
      1: 'Decreased level of alertness',
      2: 'Sedation; slow response to stimuli; limiting instrumental ADL',
      3: 'Difficult to arouse',
      4: 'Life-threatening consequences; coma; urgent intervention indicated',
      5: DEATH,
    },
  },
  {
    id: 'hypoxia',
    term: 'Hypoxia',
    grades: {
      2: 'Decreased oxygen saturation with exercise (e.g., pulse oximeter <88%); intermittent supplemental oxygen',
      3: 'Decreased oxygen saturation at rest (e.g., pulse oximeter <88% or PaO2 <=55 mm Hg)',
      4: 'Life-threatening airway compromise; urgent intervention indicated (e.g., tracheotomy or intubation)',
      5: DEATH,
    },
  },
  {
    id: 'headache',
    term: 'Headache',
    grades: { 1: 'Mild pain', 2: 'Moderate pain; limiting instrumental ADL', 3: 'Severe pain; limiting self care ADL' },
  },
  {
    id: 'urinary_tract_pain',
    term: 'Urinary tract pain',
    grades: { 1: 'Mild pain', 2: 'Moderate pain; limiting instrumental ADL', 3: 'Severe pain; limiting self care ADL' },
  },
  {
    id: 'cystitis_noninfective',
    term: 'Cystitis noninfective',
    grades: {
      1: 'Microscopic hematuria; minimal increase in frequency, urgency, dysuria, or nocturia; new onset of incontinence',
      2: 'Moderate hematuria; moderate increase in frequency, urgency, dysuria, nocturia or incontinence; urinary catheter placement or bladder irrigation indicated; limiting instrumental ADL',
      3: 'Gross hematuria; transfusion, IV medications, or hospitalization indicated; elective invasive intervention indicated',
      4: 'Life-threatening consequences; urgent invasive intervention indicated',
      5: DEATH,
    },
  },
  {
    id: 'hematuria',
    term: 'Hematuria',
    grades: {
      1: 'Asymptomatic; clinical or diagnostic observations only; intervention not indicated',
      2: 'Symptomatic; urinary catheter or bladder irrigation indicated; limiting instrumental ADL',
      3: 'Gross hematuria; transfusion, IV medications, or hospitalization indicated; elective invasive intervention indicated; limiting self care ADL',
      4: 'Life-threatening consequences; urgent invasive intervention indicated',
      5: DEATH,
    },
  },
  {
    id: 'urinary_frequency',
    term: 'Urinary frequency',
    grades: { 1: 'Present', 2: 'Limiting instrumental ADL; medical management indicated' },
  },
  {
    id: 'urinary_urgency',
    term: 'Urinary urgency',
    grades: { 1: 'Present', 2: 'Limiting instrumental ADL; medical management indicated' },
  },
  {
    // Any other event is graded by the CTCAE v5.0 general rule (introduction), and described in words.
    id: 'other',
    term: 'Other (describe)',
    grades: {
      1: 'Mild; asymptomatic or mild symptoms; clinical or diagnostic observations only; intervention not indicated',
      2: 'Moderate; minimal, local or noninvasive intervention indicated; limiting age-appropriate instrumental ADL',
      3: 'Severe or medically significant but not immediately life-threatening; hospitalization or prolongation of hospitalization indicated; disabling; limiting self care ADL',
      4: 'Life-threatening consequences; urgent intervention indicated',
      5: 'Death related to AE',
    },
  },
] as const satisfies readonly { id: string; term: string; grades: Partial<Record<AdverseEventGrade, string>> }[];

export type AdverseEventTermId = (typeof ADVERSE_EVENT_TERMS)[number]['id'];

export const ADVERSE_EVENT_ACTIONS = ['NONE', 'RATE_REDUCED', 'PAUSED', 'STOPPED', 'MEDICATION_GIVEN'] as const;
export type AdverseEventAction = (typeof ADVERSE_EVENT_ACTIONS)[number];
export const ADVERSE_EVENT_OUTCOMES = ['RESOLVED', 'RESOLVING', 'NOT_RESOLVED', 'FATAL', 'UNKNOWN'] as const;
export type AdverseEventOutcome = (typeof ADVERSE_EVENT_OUTCOMES)[number];

export interface AdverseEventEntry {
  term: string;
  grade: number;
  onsetMs: number;
  actions: readonly string[];
  outcome: string;
  serious: boolean;
  /** Required for 'other'. */
  description?: string;
}

export function adverseEventTerm(id: string): AdverseEventTerm | undefined {
  return (ADVERSE_EVENT_TERMS as readonly AdverseEventTerm[]).find((t) => t.id === id);
}

export type AdverseEventRule =
  | 'ctcaeTerm'
  | 'ctcaeGrade'
  | 'needsOnset'
  | 'notInFuture'
  | 'actionsTaken'
  | 'noneAlone'
  | 'outcome'
  | 'describeOther'
  | 'deathIsFatal';
export interface AdverseEventProblem {
  field: keyof AdverseEventEntry;
  rule: AdverseEventRule;
  problem: string;
}

/** How far ahead of the server's clock an onset may be (a tablet's clock drift), in ms. */
const ONSET_CLOCK_DRIFT_MS = 5 * 60_000;

/**
 * Why an adverse event cannot be recorded as entered, one sentence per field; empty when it can.
 * Given `nowMs`, an onset later than the clock allows (beyond a tablet's drift) is refused too.
 */
export function adverseEventProblems(event: AdverseEventEntry, nowMs?: number): AdverseEventProblem[] {
  const problems: AdverseEventProblem[] = [];
  const term = adverseEventTerm(event.term);
  if (!term)
    problems.push({ field: 'term', rule: 'ctcaeTerm', problem: 'must be one of the listed CTCAE terms, or other' });
  else if (!term.grades[event.grade as AdverseEventGrade]) {
    const defined = Object.keys(term.grades).join(', ');
    problems.push({ field: 'grade', rule: 'ctcaeGrade', problem: `${term.term} is graded ${defined} in CTCAE v5.0` });
  }
  if (!Number.isSafeInteger(event.onsetMs))
    problems.push({ field: 'onsetMs', rule: 'needsOnset', problem: 'needs the time it began' });
  else if (nowMs !== undefined && event.onsetMs > nowMs + ONSET_CLOCK_DRIFT_MS)
    problems.push({ field: 'onsetMs', rule: 'notInFuture', problem: 'cannot be later than now' });
  if (
    event.actions.length === 0 ||
    event.actions.some((a) => !(ADVERSE_EVENT_ACTIONS as readonly string[]).includes(a))
  )
    problems.push({
      field: 'actions',
      rule: 'actionsTaken',
      problem: `must list the actions taken from ${ADVERSE_EVENT_ACTIONS.join(', ')}`,
    });
  else if (event.actions.includes('NONE') && event.actions.length > 1)
    problems.push({ field: 'actions', rule: 'noneAlone', problem: 'NONE cannot be listed with another action' });
  if (!(ADVERSE_EVENT_OUTCOMES as readonly string[]).includes(event.outcome))
    problems.push({
      field: 'outcome',
      rule: 'outcome',
      problem: `must be one of ${ADVERSE_EVENT_OUTCOMES.join(', ')}`,
    });
  if (event.term === 'other' && !event.description?.trim())
    problems.push({
      field: 'description',
      rule: 'describeOther',
      problem: 'an event recorded as other is described in words',
    });
  if ((event.grade === 5) !== (event.outcome === 'FATAL'))
    problems.push({
      field: 'outcome',
      rule: 'deathIsFatal',
      problem: 'grade 5 (death) and a fatal outcome go together',
    });
  return problems;
}

export type AdverseEventAlertCode = 'SERIOUS' | 'GRADE_3_OR_MORE';
export interface AdverseEventAlertReason {
  code: AdverseEventAlertCode;
  ruleId: 'adverse-event.alert-clinician';
  message: string;
}

/**
 * A serious event, or one of grade 3 or more (CTCAE "severe or medically significant" and above),
 * alerts the supervising clinician and the clinic's admins at once (issue 9; Cadence policy).
 */
export function clinicianAlertReasons(event: Pick<AdverseEventEntry, 'grade' | 'serious'>): AdverseEventAlertReason[] {
  const reasons: AdverseEventAlertReason[] = [];
  if (event.serious)
    reasons.push({
      code: 'SERIOUS',
      ruleId: 'adverse-event.alert-clinician',
      message: 'A serious adverse event: the supervising clinician and the admins are alerted now',
    });
  if (event.grade >= 3)
    reasons.push({
      code: 'GRADE_3_OR_MORE',
      ruleId: 'adverse-event.alert-clinician',
      message: `A grade ${event.grade} adverse event: the supervising clinician and the admins are alerted now`,
    });
  return reasons;
}
