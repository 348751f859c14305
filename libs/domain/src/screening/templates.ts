import type { AnswerValue, Answers } from './answers';
import type { InstrumentId } from './instruments';

/**
 * Screening checklists as data. The API seeds them into the database by (key, version); a new
 * wording or item is a new version, so a signed screening always points at the exact questions
 * that were asked.
 */

export const SCREENING_KINDS = ['CARDIOVASCULAR', 'PSYCHIATRIC', 'GENERAL'] as const;
export type ScreeningKind = (typeof SCREENING_KINDS)[number];

export type AnswerPrimitive = boolean | number | string;

/** A condition on other answers of the same screening. */
export type Condition =
  | { itemId: string; equals: AnswerPrimitive }
  | { itemId: string; oneOf: readonly AnswerPrimitive[] }
  | { anyOf: readonly Condition[] };

interface ItemBase<T extends string> {
  id: string;
  type: T;
  label: string;
  /** Guidance shown under the question. */
  help?: string;
  /** Items are required unless optional, or required only when `requiredWhen` holds. */
  optional?: boolean;
  requiredWhen?: Condition;
  /** 'DAY': the answer holds only on the day it was recorded (pregnancy status). */
  validFor?: 'DAY';
  /** Short name for summaries and reasons, e.g. 'pregnancy status'. */
  shortLabel?: string;
}

export type YesNoItem = ItemBase<'yesno'>;
export interface NumberItem extends ItemBase<'number'> {
  unit: string;
  min: number;
  max: number;
  integer?: boolean;
}
export interface ChoiceItem extends ItemBase<'choice'> {
  options: readonly { value: string; label: string }[];
}
export type DateItem = ItemBase<'date'>;
export interface TextItem extends ItemBase<'text'> {
  maxLength: number;
}
export interface InstrumentTemplateItem extends ItemBase<'instrument'> {
  instrument: InstrumentId;
}

export type TemplateItem = YesNoItem | NumberItem | ChoiceItem | DateItem | TextItem | InstrumentTemplateItem;
export type TemplateItemType = TemplateItem['type'];

export interface ScreeningTemplate {
  key: string;
  kind: ScreeningKind;
  version: number;
  title: string;
  items: readonly TemplateItem[];
}

/** The answer a choice item uses for "does not apply to this patient" (e.g. cannot become pregnant). */
export const NOT_APPLICABLE = 'not_applicable';

export function conditionHolds(condition: Condition, answers: Answers): boolean {
  if ('anyOf' in condition) return condition.anyOf.some((c) => conditionHolds(c, answers));
  const value: AnswerValue = answers[condition.itemId];
  if ('equals' in condition) return value === condition.equals;
  return condition.oneOf.some((option) => option === value);
}

export function isRequired(item: TemplateItem, answers: Answers): boolean {
  if (item.optional) return false;
  return item.requiredWhen ? conditionHolds(item.requiredWhen, answers) : true;
}

const yes = (itemId: string): Condition => ({ itemId, equals: true });

// ---------------------------------------------------------------------------------------------
// Cardiovascular, version 1. Ketamine raises blood pressure and heart rate, so the guideline's
// first contraindication is poorly controlled cardiovascular disease.

/**
 * "At cardiovascular risk": any known cardiovascular disease. The guideline asks for a baseline
 * ECG in these patients to rule out poorly controlled ischaemic heart disease.
 */
export const AT_CARDIOVASCULAR_RISK: Condition = {
  anyOf: [
    yes('hypertension'),
    yes('coronary_artery_disease'),
    yes('mi_within_6_months'),
    yes('heart_failure'),
    yes('arrhythmia'),
    yes('stroke_or_tia'),
    yes('aneurysm_unrepaired'),
  ],
};

const bpReading = (n: 1 | 2, when: string): NumberItem[] => [
  {
    id: `bp${n}_systolic`,
    type: 'number',
    label: `Blood pressure reading ${n}: systolic`,
    help: when,
    unit: 'mmHg',
    min: 50,
    max: 300,
    integer: true,
  },
  {
    id: `bp${n}_diastolic`,
    type: 'number',
    label: `Blood pressure reading ${n}: diastolic`,
    unit: 'mmHg',
    min: 20,
    max: 200,
    integer: true,
  },
];

export const CARDIOVASCULAR_V1: ScreeningTemplate = {
  key: 'cardiovascular',
  kind: 'CARDIOVASCULAR',
  version: 1,
  title: 'Cardiovascular screening',
  items: [
    ...bpReading(1, 'Seated, after 5 minutes of rest.'),
    // A second reading confirms (or not) a high first one; only a confirmed reading can block.
    ...bpReading(2, 'Repeat after at least 1 minute, same arm.'),
    { id: 'heart_rate', type: 'number', label: 'Resting heart rate', unit: 'bpm', min: 20, max: 250, integer: true },
    { id: 'hypertension', type: 'yesno', label: 'Known hypertension' },
    {
      id: 'hypertension_controlled',
      type: 'yesno',
      label: 'Hypertension controlled on current treatment',
      requiredWhen: yes('hypertension'),
    },
    {
      id: 'coronary_artery_disease',
      type: 'yesno',
      label: 'Coronary artery disease (angina, previous MI, stent or bypass)',
    },
    {
      id: 'angina_unstable',
      type: 'yesno',
      label: 'Unstable angina: pain at rest, or new or worsening angina in the last 3 months',
      requiredWhen: yes('coronary_artery_disease'),
    },
    { id: 'mi_within_6_months', type: 'yesno', label: 'Myocardial infarction (heart attack) in the last 6 months' },
    {
      id: 'mi_last_date',
      type: 'date',
      label: 'Date of last myocardial infarction',
      help: 'If known; a date within 6 months counts even if the question above was answered no.',
      optional: true,
    },
    { id: 'heart_failure', type: 'yesno', label: 'Heart failure' },
    {
      id: 'heart_failure_decompensated',
      type: 'yesno',
      label: 'Heart failure decompensated: symptoms at rest, or admission or treatment change in the last 3 months',
      requiredWhen: yes('heart_failure'),
    },
    { id: 'arrhythmia', type: 'yesno', label: 'Arrhythmia (e.g. atrial fibrillation)' },
    {
      id: 'arrhythmia_controlled',
      type: 'yesno',
      label: 'Arrhythmia rate- or rhythm-controlled',
      requiredWhen: yes('arrhythmia'),
    },
    { id: 'stroke_or_tia', type: 'yesno', label: 'Previous stroke or TIA' },
    {
      id: 'aneurysm_unrepaired',
      type: 'yesno',
      label: 'Known unrepaired aneurysm (aortic or intracranial) or arteriovenous malformation',
    },
    {
      id: 'ecg_on_file',
      type: 'yesno',
      label: 'Baseline ECG on file',
      help: 'Needed when the patient has any known cardiovascular disease.',
      requiredWhen: AT_CARDIOVASCULAR_RISK,
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Psychiatric, version 1. Ketamine causes dissociation and can worsen psychosis or mania; it is
// also misused, so substance use and suicidality are screened with validated instruments.

export const PSYCHIATRIC_V1: ScreeningTemplate = {
  key: 'psychiatric',
  kind: 'PSYCHIATRIC',
  version: 1,
  title: 'Psychiatric screening',
  items: [
    { id: 'psychosis_history', type: 'yesno', label: 'History of psychosis or schizophrenia' },
    {
      id: 'psychosis_active',
      type: 'yesno',
      label: 'Psychosis currently active (symptoms now, or not in sustained remission)',
      requiredWhen: yes('psychosis_history'),
    },
    { id: 'bipolar', type: 'yesno', label: 'Bipolar disorder' },
    {
      id: 'mood_stabiliser',
      type: 'yesno',
      label: 'Taking a mood stabiliser (e.g. lithium, valproate, an antipsychotic for bipolar disorder)',
      requiredWhen: yes('bipolar'),
    },
    { id: 'auditc', type: 'instrument', label: 'Alcohol use (AUDIT-C)', instrument: 'AUDITC' },
    {
      id: 'drug_use_12_months',
      type: 'yesno',
      label:
        'Any non-prescribed drug use in the past 12 months (including cannabis, ketamine, or prescription drugs not as prescribed)',
    },
    {
      id: 'substance_use_disorder_current',
      type: 'yesno',
      label: 'Current substance use disorder (diagnosed or suspected)',
    },
    { id: 'cssrs', type: 'instrument', label: 'Suicide risk (C-SSRS screener)', instrument: 'CSSRS_SCREEN' },
    { id: 'phq9', type: 'instrument', label: 'Depression (PHQ-9)', instrument: 'PHQ9' },
    { id: 'gad7', type: 'instrument', label: 'Anxiety (GAD-7)', instrument: 'GAD7' },
  ],
};

// ---------------------------------------------------------------------------------------------
// General, version 1.

export const GENERAL_V1: ScreeningTemplate = {
  key: 'general',
  kind: 'GENERAL',
  version: 1,
  title: 'General screening',
  items: [
    {
      id: 'pregnancy',
      type: 'choice',
      label: 'Pregnant, or possibly pregnant, today',
      help: 'Status on the day: this answer holds only for the day it is recorded and is re-confirmed on each treatment day.',
      validFor: 'DAY',
      shortLabel: 'pregnancy status',
      options: [
        { value: 'no', label: 'No' },
        { value: 'possible', label: 'Possibly (not excluded)' },
        { value: 'yes', label: 'Yes' },
        { value: NOT_APPLICABLE, label: 'Not applicable (cannot become pregnant)' },
      ],
    },
    {
      id: 'liver_disease',
      type: 'choice',
      label: 'Liver disease',
      options: [
        { value: 'none', label: 'None, or mild with normal liver function' },
        { value: 'moderate', label: 'Moderate (e.g. chronic hepatitis, raised liver enzymes)' },
        { value: 'severe', label: 'Severe (e.g. cirrhosis, liver failure)' },
      ],
    },
    // The guideline advises baseline liver tests with known liver dysfunction or risk of it.
    {
      id: 'alt',
      type: 'number',
      label: 'ALT',
      unit: 'U/L',
      min: 0,
      max: 10000,
      help: 'Required with moderate or severe liver disease; advisable with heavy alcohol use or frequent high-dose courses.',
      requiredWhen: { itemId: 'liver_disease', oneOf: ['moderate', 'severe'] },
    },
    {
      id: 'ast',
      type: 'number',
      label: 'AST',
      unit: 'U/L',
      min: 0,
      max: 10000,
      requiredWhen: { itemId: 'liver_disease', oneOf: ['moderate', 'severe'] },
    },
    {
      id: 'raised_intracranial_pressure',
      type: 'yesno',
      label: 'Raised intracranial pressure (or intracranial mass, recent head injury)',
    },
    {
      id: 'raised_intraocular_pressure',
      type: 'yesno',
      label: 'Raised intraocular pressure (e.g. glaucoma) or open eye injury',
    },
    {
      id: 'urinary_symptoms',
      type: 'yesno',
      label: 'Urinary or bladder symptoms (frequency, urgency, pain passing urine, blood in urine)',
    },
    { id: 'allergies', type: 'text', label: 'Allergies', help: "Write 'none known' if none.", maxLength: 500 },
    { id: 'takes_benzodiazepine', type: 'yesno', label: 'Takes a benzodiazepine' },
    { id: 'takes_lamotrigine', type: 'yesno', label: 'Takes lamotrigine' },
    { id: 'takes_maoi', type: 'yesno', label: 'Takes an MAO inhibitor' },
    { id: 'other_medications', type: 'text', label: 'Other relevant medications', maxLength: 1000, optional: true },
    { id: 'weight_kg', type: 'number', label: 'Weight', unit: 'kg', min: 20, max: 350 },
  ],
};

/** The current version of each checklist. */
export const SCREENING_TEMPLATES: readonly ScreeningTemplate[] = [CARDIOVASCULAR_V1, PSYCHIATRIC_V1, GENERAL_V1];

export function templateFor(kind: ScreeningKind): ScreeningTemplate {
  const template = SCREENING_TEMPLATES.find((t) => t.kind === kind);
  if (!template) throw new RangeError(`No screening template for ${kind}`);
  return template;
}

/**
 * Answers that hold only on the day they were recorded, answered and applicable: today that is
 * pregnancy status unless "not applicable". The API stores these with the signed screening so
 * eligibility on a later day can list them as to be re-confirmed.
 */
export function dayOnlyItems(
  template: ScreeningTemplate,
  answers: Answers,
  recordedOn: string,
): { itemId: string; label: string; recordedOn: string }[] {
  return template.items
    .filter((item) => item.validFor === 'DAY')
    .filter((item) => {
      const value = answers[item.id];
      return value !== undefined && value !== null && value !== NOT_APPLICABLE;
    })
    .map((item) => ({ itemId: item.id, label: item.shortLabel ?? item.label, recordedOn }));
}
