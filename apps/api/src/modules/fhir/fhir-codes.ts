/**
 * Code systems and codes of the FHIR export, each from /work/shared/notes/clinical-facts.md §8
 * (LOINC, SNOMED CT, RxNorm) or FHIR R4's own terminology. Cadence's own definitions live under
 * CADENCE_FHIR (the CTCAE extension and the pain-mechanism code system, documented in the README).
 */
export const LOINC = 'http://loinc.org';
export const SNOMED = 'http://snomed.info/sct';
export const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
export const ICD10 = 'http://hl7.org/fhir/sid/icd-10';
export const UCUM = 'http://unitsofmeasure.org';
export const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const CONDITION_CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
export const CONDITION_VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
export const CONDITION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';
export const AE_SEVERITY = 'http://terminology.hl7.org/CodeSystem/adverse-event-severity';
export const V3_ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
export const V2_IDENTIFIER_TYPE = 'http://terminology.hl7.org/CodeSystem/v2-0203';

export const CADENCE_FHIR = 'https://cadence.dev/fhir';
/** Complex extension on AdverseEvent: `term` (valueString), `grade` (valueInteger 1–5), `version` (valueString). */
export const CTCAE_EXTENSION = `${CADENCE_FHIR}/StructureDefinition/ctcae-grade`;
export const CTCAE_VERSION = '5.0';
/** Extension on Condition carrying the pain mechanism (valueCoding from PAIN_MECHANISM_SYSTEM). */
export const PAIN_MECHANISM_EXTENSION = `${CADENCE_FHIR}/StructureDefinition/pain-mechanism`;
export const PAIN_MECHANISM_SYSTEM = `${CADENCE_FHIR}/CodeSystem/pain-mechanism`;
/** Extension on Condition: true on the patient's primary diagnosis. */
export const PRIMARY_DIAGNOSIS_EXTENSION = `${CADENCE_FHIR}/StructureDefinition/primary-diagnosis`;
/** The MRN's identifier system: one per clinic, since an MRN is unique only within its clinic. */
export const mrnSystem = (clinicId: string) => `${CADENCE_FHIR}/clinic/${clinicId}/mrn`;
export const questionnaireUrl = (key: string) => `${CADENCE_FHIR}/Questionnaire/${key}`;

/** LOINC codes of clinical-facts §8 ("LOINC codes, verified"). */
export const CODES = {
  bpPanel: { system: LOINC, code: '85354-9', display: 'Blood pressure panel with all children optional' },
  systolic: { system: LOINC, code: '8480-6', display: 'Systolic blood pressure' },
  diastolic: { system: LOINC, code: '8462-4', display: 'Diastolic blood pressure' },
  heartRate: { system: LOINC, code: '8867-4', display: 'Heart rate' },
  respiratoryRate: { system: LOINC, code: '9279-1', display: 'Respiratory rate' },
  bodyWeight: { system: LOINC, code: '29463-7', display: 'Body weight' },
  spo2Arterial: { system: LOINC, code: '2708-6', display: 'Oxygen saturation in Arterial blood' },
  spo2PulseOximetry: {
    system: LOINC,
    code: '59408-5',
    display: 'Oxygen saturation in Arterial blood by Pulse oximetry',
  },
  painNrs: { system: LOINC, code: '72514-3', display: 'Pain severity - 0-10 verbal numeric rating [Score] - Reported' },
  phq9Panel: { system: LOINC, code: '44249-1', display: 'PHQ-9 quick depression assessment panel' },
  phq9Total: { system: LOINC, code: '44261-6', display: 'Patient Health Questionnaire 9 item (PHQ-9) total score' },
  gad7Panel: { system: LOINC, code: '69737-5', display: 'Generalized anxiety disorder 7 item (GAD-7)' },
  gad7Total: { system: LOINC, code: '70274-6', display: 'Generalized anxiety disorder 7 item (GAD-7) total score' },
  promisPi6aPanel: { system: LOINC, code: '90973-9', display: 'PROMIS short form - pain interference 6a' },
  promisPiTScore: { system: LOINC, code: '77865-4', display: 'PROMIS pain interference T-score' },
  ivInfusion: { system: SNOMED, code: '14152002', display: 'Intravenous infusion (procedure)' },
  ketamineRxNorm: { system: RXNORM, code: '6130', display: 'ketamine' },
  ketamineSnomed: { system: SNOMED, code: '373464007', display: 'Ketamine' },
} as const;

/** PHQ-9 items q1…q9 and GAD-7 items q1…q7, in the instruments' order (clinical-facts §8). */
export const PHQ9_ITEM_CODES = [
  '44250-9',
  '44255-8',
  '44259-0',
  '44254-1',
  '44251-7',
  '44258-2',
  '44252-5',
  '44253-3',
  '44260-8',
];
export const GAD7_ITEM_CODES = ['69725-0', '68509-9', '69733-4', '69734-2', '69735-9', '69689-8', '69736-7'];

export const VITAL_SIGNS_CATEGORY = {
  coding: [{ system: OBSERVATION_CATEGORY, code: 'vital-signs', display: 'Vital Signs' }],
};
export const SURVEY_CATEGORY = { coding: [{ system: OBSERVATION_CATEGORY, code: 'survey', display: 'Survey' }] };
