import {
  dateOfBirthProblem,
  ICD10_PATTERN,
  mrnProblem,
  PAIN_MECHANISMS,
  phoneProblem,
  weightKgProblem,
  type PainMechanism,
} from '@cadence/domain';
import { useForm } from '@mantine/form';
import type { CreatePatientBody, Patient, Sex, UpdatePatientBody } from '../../../api/types';
import { useClinicClock } from '../../clinic/hooks/useClinicClock';
import { optionalText } from '../../../shared/forms';
import { newId } from '../../../shared/ids';

export const SEX_OPTIONS: { value: Sex; label: string }[] = [
  { value: 'FEMALE', label: 'Female' },
  { value: 'MALE', label: 'Male' },
  { value: 'OTHER', label: 'Other' },
  { value: 'UNKNOWN', label: 'Unknown' },
];

export const PAIN_MECHANISM_LABELS: Record<PainMechanism, string> = {
  NEUROPATHIC: 'Neuropathic',
  NOCIPLASTIC: 'Nociplastic',
  NOCICEPTIVE: 'Nociceptive',
  MIXED: 'Mixed',
};

export const PAIN_MECHANISM_OPTIONS = PAIN_MECHANISMS.map((value) => ({
  value,
  label: PAIN_MECHANISM_LABELS[value],
}));

export interface DiagnosisFormValues {
  key: string;
  icd10Code: string;
  description: string;
  painMechanism: PainMechanism;
  isPrimary: boolean;
}

export interface PatientFormValues {
  mrn: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: Sex | '';
  weightKg: number | string;
  phone: string;
  email: string;
  escortName: string;
  escortPhone: string;
  diagnoses: DiagnosisFormValues[];
}

/** The inputs of the form, so API field errors can be placed under them. */
const SCALAR_FIELDS = new Set([
  'mrn',
  'givenName',
  'familyName',
  'dateOfBirth',
  'sex',
  'weightKg',
  'phone',
  'email',
  'escortName',
  'escortPhone',
]);
const DIAGNOSIS_FIELD = /^diagnoses\.\d+\.(icd10Code|description|painMechanism|isPrimary)$/;

export function isPatientFormField(path: string): boolean {
  return SCALAR_FIELDS.has(path) || DIAGNOSIS_FIELD.test(path);
}

export function newDiagnosis(isPrimary: boolean): DiagnosisFormValues {
  return {
    key: newId(),
    icd10Code: '',
    description: '',
    painMechanism: 'NEUROPATHIC',
    isPrimary,
  };
}

export const EMPTY_PATIENT: PatientFormValues = {
  mrn: '',
  givenName: '',
  familyName: '',
  dateOfBirth: '',
  sex: '',
  weightKg: '',
  phone: '',
  email: '',
  escortName: '',
  escortPhone: '',
  diagnoses: [],
};

export function patientToFormValues(patient: Patient): PatientFormValues {
  return {
    mrn: patient.mrn,
    givenName: patient.givenName,
    familyName: patient.familyName,
    dateOfBirth: patient.dateOfBirth,
    sex: patient.sex,
    weightKg: patient.weightKg ?? '',
    phone: patient.phone ?? '',
    email: patient.email ?? '',
    escortName: patient.escortName ?? '',
    escortPhone: patient.escortPhone ?? '',
    diagnoses: [],
  };
}

const required = (label: string) => (value: string) => (value.trim() ? null : `${label} is required`);
const maxLength = (label: string, max: number) => (value: string) =>
  value.trim().length > max ? `${label} must be at most ${max} characters` : null;
const first =
  (...rules: ((value: string) => string | null)[]) =>
  (value: string) => {
    for (const rule of rules) {
      const message = rule(value);
      if (message) return message;
    }
    return null;
  };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The domain's rule ("must be …") as a sentence about the field on screen. */
const ruleText = (label: string, problem: string | undefined) => (problem ? `${label} ${problem}` : null);

/** How each API field is named on screen, for the API's field messages. */
export const PATIENT_FIELD_LABELS: Record<string, string> = {
  mrn: 'MRN',
  givenName: 'Given name',
  familyName: 'Family name',
  dateOfBirth: 'Date of birth',
  sex: 'Sex',
  weightKg: 'Weight',
  phone: 'Phone',
  email: 'Email',
  escortName: 'Escort name',
  escortPhone: 'Escort contact number',
  icd10Code: 'ICD-10 code',
  description: 'Description',
  painMechanism: 'Pain mechanism',
};

/** The same field rules the API enforces, checked before sending. */
export function usePatientForm(initialValues: PatientFormValues) {
  const { today } = useClinicClock();
  return useForm<PatientFormValues>({
    initialValues,
    validate: {
      mrn: first(required('MRN'), (value) => ruleText('MRN', mrnProblem(value.trim()))),
      givenName: first(required('Given name'), maxLength('Given name', 100)),
      familyName: first(required('Family name'), maxLength('Family name', 100)),
      dateOfBirth: (value) => {
        if (!value) return 'Date of birth is required';
        const problem = dateOfBirthProblem(value, today);
        return problem ? `Date of birth ${problem}` : null;
      },
      sex: (value) => (value ? null : 'Choose an option'),
      // What was typed is checked and refused beside the field, never corrected to the range.
      weightKg: (value) => (value === '' || value === null ? null : ruleText('Weight', weightKgProblem(Number(value)))),
      phone: (value) => (value.trim() ? ruleText('Phone', phoneProblem(value.trim())) : null),
      email: (value) =>
        !value.trim() || (EMAIL.test(value.trim()) && value.trim().length <= 254)
          ? null
          : 'Enter a valid email address',
      escortName: maxLength('Escort name', 100),
      escortPhone: (value) => (value.trim() ? ruleText('Escort contact number', phoneProblem(value.trim())) : null),
      diagnoses: {
        icd10Code: (value) =>
          ICD10_PATTERN.test(value.trim().toUpperCase()) ? null : 'Enter an ICD-10 code such as M79.7',
        description: first(required('Description'), maxLength('Description', 200)),
        // Not (yet) an API rule: at most one diagnosis is the primary one.
        isPrimary: (value, values) =>
          value && values.diagnoses.filter((d) => d.isPrimary).length > 1 ? 'Only one diagnosis can be primary' : null,
      },
    },
  });
}

function weight(value: number | string): number | undefined {
  return value === '' ? undefined : Number(value);
}

export function toCreateBody(values: PatientFormValues): CreatePatientBody {
  const body: CreatePatientBody = {
    mrn: values.mrn.trim(),
    givenName: values.givenName.trim(),
    familyName: values.familyName.trim(),
    dateOfBirth: values.dateOfBirth,
    sex: values.sex as Sex,
    weightKg: weight(values.weightKg),
    phone: optionalText(values.phone),
    email: optionalText(values.email),
    escortName: optionalText(values.escortName),
    escortPhone: optionalText(values.escortPhone),
  };
  if (values.diagnoses.length > 0) {
    body.diagnoses = values.diagnoses.map((d) => ({
      icd10Code: d.icd10Code.trim().toUpperCase(),
      description: d.description.trim(),
      painMechanism: d.painMechanism,
      isPrimary: d.isPrimary,
    }));
  }
  return body;
}

/**
 * Only the fields that differ from the version the user opened, plus that version: the API
 * refuses the update if someone else has saved in between. A cleared optional field is sent as null.
 */
export function toUpdateBody(values: PatientFormValues, opened: Patient): UpdatePatientBody {
  const before = patientToFormValues(opened);
  const body: UpdatePatientBody = { version: opened.version };
  const text = (key: 'mrn' | 'givenName' | 'familyName') => {
    if (values[key].trim() !== before[key]) body[key] = values[key].trim();
  };
  const optional = (key: 'phone' | 'email' | 'escortName' | 'escortPhone') => {
    if (values[key].trim() !== before[key]) body[key] = optionalText(values[key]) ?? null;
  };
  text('mrn');
  text('givenName');
  text('familyName');
  if (values.dateOfBirth !== before.dateOfBirth) body.dateOfBirth = values.dateOfBirth;
  if (values.sex !== before.sex) body.sex = values.sex as Sex;
  if (String(values.weightKg) !== String(before.weightKg)) body.weightKg = weight(values.weightKg) ?? null;
  optional('phone');
  optional('email');
  optional('escortName');
  optional('escortPhone');
  return body;
}

export function hasChanges(body: UpdatePatientBody): boolean {
  return Object.keys(body).some((key) => key !== 'version');
}
