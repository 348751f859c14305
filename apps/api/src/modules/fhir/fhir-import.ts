import type { FieldError } from '../../common/errors/domain-error';
import { ICD10, PAIN_MECHANISM_EXTENSION, PRIMARY_DIAGNOSIS_EXTENSION } from './fhir-codes';

/** Most entries one transaction may carry: a clinic's list comes in several Bundles. */
export const MAX_IMPORT_ENTRIES = 500;

/** A patient read from a transaction Bundle, in the shape of POST /api/patients's body. */
export interface ImportedPatient {
  /** The Patient's entry index. */
  entry: number;
  body: Record<string, unknown>;
  /** The entry index of each diagnosis in `body.diagnoses`, in order. */
  conditionEntries: number[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const arrayOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const at = (entry: number, path = '') => `Bundle.entry[${entry}]${path ? `.${path}` : ''}`;

const GENDER: Record<string, string> = { female: 'FEMALE', male: 'MALE', other: 'OTHER', unknown: 'UNKNOWN' };
const MECHANISMS = ['neuropathic', 'nociplastic', 'nociceptive', 'mixed'];
const ICD10_SYSTEMS = [ICD10, 'http://hl7.org/fhir/sid/icd-10-cm'];

/**
 * Reads a FHIR transaction Bundle of Patient and Condition resources into POST /api/patients
 * bodies (a Condition names its Patient by the Patient entry's fullUrl, usually urn:uuid:…). Every
 * problem of the Bundle's shape is returned with its FHIRPath; the bodies still go through the
 * API's patient validation, whose field errors `fhirPathOf` places in the Bundle.
 */
export function readTransactionBundle(body: unknown): { patients: ImportedPatient[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const problem = (field: string, rule: string, message: string) => errors.push({ field, rule, message });
  if (!isObject(body) || body.resourceType !== 'Bundle') {
    problem('Bundle.resourceType', 'isBundle', 'the body must be a Bundle');
    return { patients: [], errors };
  }
  if (body.type !== 'transaction') problem('Bundle.type', 'isTransaction', 'Bundle.type must be transaction');
  const entries = arrayOf(body.entry);
  if (!Array.isArray(body.entry) || entries.length === 0)
    problem('Bundle.entry', 'required', 'Bundle.entry must list at least one Patient');
  if (entries.length > MAX_IMPORT_ENTRIES) {
    problem('Bundle.entry', 'maxEntries', `Bundle.entry may hold at most ${MAX_IMPORT_ENTRIES} entries`);
    return { patients: [], errors };
  }
  const patients: ImportedPatient[] = [];
  const byFullUrl = new Map<string, ImportedPatient>();
  const conditions: { entry: number; resource: Json }[] = [];
  entries.forEach((raw, i) => {
    if (!isObject(raw) || !isObject(raw.resource)) return problem(at(i), 'required', `${at(i)} must carry a resource`);
    const resource = raw.resource;
    const request = isObject(raw.request) ? raw.request : undefined;
    if (request?.method !== 'POST')
      problem(at(i, 'request.method'), 'isPost', `${at(i, 'request.method')} must be POST (resources are created)`);
    if (resource.resourceType === 'Patient') {
      const patient: ImportedPatient = { entry: i, body: patientBody(resource), conditionEntries: [] };
      patients.push(patient);
      if (typeof raw.fullUrl === 'string') {
        if (byFullUrl.has(raw.fullUrl)) problem(at(i, 'fullUrl'), 'unique', `${at(i, 'fullUrl')} is used twice`);
        byFullUrl.set(raw.fullUrl, patient);
      }
    } else if (resource.resourceType === 'Condition') conditions.push({ entry: i, resource });
    else
      problem(
        at(i, 'resource.resourceType'),
        'isPatientOrCondition',
        `${at(i, 'resource.resourceType')} must be Patient or Condition`,
      );
  });
  for (const { entry, resource } of conditions) {
    const subject = isObject(resource.subject) ? resource.subject.reference : undefined;
    const patient = typeof subject === 'string' ? byFullUrl.get(subject) : undefined;
    if (!patient) {
      problem(
        at(entry, 'resource.subject'),
        'isPatientInBundle',
        `${at(entry, 'resource.subject')} must reference a Patient entry of this Bundle by its fullUrl`,
      );
      continue;
    }
    const diagnosis = conditionBody(resource, entry, problem);
    if (!diagnosis) continue;
    const diagnoses = Array.isArray(patient.body.diagnoses) ? (patient.body.diagnoses as unknown[]) : [];
    patient.body.diagnoses = [...diagnoses, diagnosis];
    patient.conditionEntries.push(entry);
  }
  return { patients, errors };
}

function patientBody(p: Json): Record<string, unknown> {
  const identifiers = arrayOf(p.identifier).filter(isObject);
  const mrn =
    identifiers.find((id) =>
      arrayOf(isObject(id.type) ? id.type.coding : []).some((c) => isObject(c) && c.code === 'MR'),
    ) ?? identifiers[0];
  const name = arrayOf(p.name).filter(isObject)[0];
  const given = name ? arrayOf(name.given).filter((g) => typeof g === 'string') : [];
  const telecom = arrayOf(p.telecom).filter(isObject);
  const contact = (system: string) => telecom.find((t) => t.system === system)?.value;
  const body: Record<string, unknown> = {
    mrn: mrn?.value,
    givenName: given.length ? given.join(' ') : undefined,
    familyName: name?.family,
    dateOfBirth: p.birthDate,
    sex: typeof p.gender === 'string' ? (GENDER[p.gender] ?? p.gender) : undefined,
  };
  const phone = contact('phone');
  const email = contact('email');
  if (phone !== undefined) body.phone = phone;
  if (email !== undefined) body.email = email;
  return body;
}

function conditionBody(
  c: Json,
  entry: number,
  problem: (field: string, rule: string, message: string) => void,
): Record<string, unknown> | undefined {
  const code = isObject(c.code) ? c.code : undefined;
  const coding = arrayOf(code?.coding)
    .filter(isObject)
    .find((x) => typeof x.system === 'string' && ICD10_SYSTEMS.includes(x.system));
  if (!coding) {
    problem(at(entry, 'resource.code'), 'isIcd10', `${at(entry, 'resource.code')} must carry an ICD-10 coding`);
    return undefined;
  }
  const extensions = arrayOf(c.extension).filter(isObject);
  const mechanism = extensions.find((e) => e.url === PAIN_MECHANISM_EXTENSION);
  const mechanismCode = isObject(mechanism?.valueCoding) ? mechanism.valueCoding.code : undefined;
  if (typeof mechanismCode !== 'string' || !MECHANISMS.includes(mechanismCode)) {
    problem(
      at(entry, 'resource.extension'),
      'painMechanism',
      `${at(entry, 'resource.extension')} must give the pain mechanism (${PAIN_MECHANISM_EXTENSION}: ${MECHANISMS.join(' | ')})`,
    );
    return undefined;
  }
  const primary = extensions.find((e) => e.url === PRIMARY_DIAGNOSIS_EXTENSION)?.valueBoolean;
  return {
    icd10Code: coding.code,
    description: coding.display ?? code?.text,
    painMechanism: mechanismCode.toUpperCase(),
    isPrimary: primary === true,
  };
}

const PATIENT_PATHS: Record<string, string> = {
  mrn: 'resource.identifier',
  givenName: 'resource.name[0].given',
  familyName: 'resource.name[0].family',
  dateOfBirth: 'resource.birthDate',
  sex: 'resource.gender',
  phone: 'resource.telecom',
  email: 'resource.telecom',
};
const CONDITION_PATHS: Record<string, string> = {
  icd10Code: 'resource.code.coding',
  description: 'resource.code',
  painMechanism: 'resource.extension',
  isPrimary: 'resource.extension',
};

/** Where a POST /api/patients field error of an imported patient sits in the Bundle. */
export function fhirPathOf(patient: ImportedPatient, error: FieldError): FieldError {
  const diagnosis = /^diagnoses\[(\d+)\]\.?(\w*)/.exec(error.field);
  if (diagnosis) {
    const entry = patient.conditionEntries[Number(diagnosis[1])];
    const path = CONDITION_PATHS[diagnosis[2]] ?? 'resource';
    if (entry !== undefined)
      return { ...error, field: at(entry, path), message: `${at(entry, path)}: ${error.message}` };
  }
  const top = error.field.split(/[.[]/)[0];
  const path = PATIENT_PATHS[top] ?? 'resource';
  return { ...error, field: at(patient.entry, path), message: `${at(patient.entry, path)}: ${error.message}` };
}
