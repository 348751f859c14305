import { fhirPathOf, MAX_IMPORT_ENTRIES, readTransactionBundle } from './fhir-import';

const patient = (fullUrl: string, extra: Record<string, unknown> = {}) => ({
  fullUrl,
  request: { method: 'POST' },
  resource: {
    resourceType: 'Patient',
    identifier: [{ system: 'urn:x', value: 'A-1' }],
    name: [{ family: 'Hopper', given: ['Grace'] }],
    gender: 'female',
    birthDate: '1976-12-09',
    ...extra,
  },
});
const condition = (subject: string, mechanism?: string) => ({
  request: { method: 'POST' },
  resource: {
    resourceType: 'Condition',
    subject: { reference: subject },
    code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'G90.50', display: 'CRPS I' }] },
    extension: mechanism
      ? [{ url: 'https://cadence.dev/fhir/StructureDefinition/pain-mechanism', valueCoding: { code: mechanism } }]
      : [],
  },
});

describe('readTransactionBundle', () => {
  it('reads Patients into POST /api/patients bodies with their Conditions as diagnoses', () => {
    const { patients, errors } = readTransactionBundle({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [patient('urn:uuid:1'), condition('urn:uuid:1', 'mixed')],
    });
    expect(errors).toEqual([]);
    expect(patients).toEqual([
      {
        entry: 0,
        conditionEntries: [1],
        body: {
          mrn: 'A-1',
          givenName: 'Grace',
          familyName: 'Hopper',
          dateOfBirth: '1976-12-09',
          sex: 'FEMALE',
          diagnoses: [{ icd10Code: 'G90.50', description: 'CRPS I', painMechanism: 'MIXED', isPrimary: false }],
        },
      },
    ]);
  });

  it('names each problem of the Bundle by its FHIRPath', () => {
    const { errors } = readTransactionBundle({
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        patient('urn:uuid:1'),
        condition('urn:uuid:1'),
        { request: { method: 'PUT' }, resource: { resourceType: 'Patient' } },
        7,
      ],
    });
    expect(errors.map((e) => [e.field, e.rule])).toEqual([
      ['Bundle.type', 'isTransaction'],
      ['Bundle.entry[2].request.method', 'isPost'],
      ['Bundle.entry[3]', 'required'],
      ['Bundle.entry[1].resource.extension', 'painMechanism'],
    ]);
  });

  it('refuses anything but a Bundle, and more than the most entries one may carry', () => {
    expect(readTransactionBundle(null).errors[0].field).toBe('Bundle.resourceType');
    expect(readTransactionBundle([]).errors[0].field).toBe('Bundle.resourceType');
    const big = { resourceType: 'Bundle', type: 'transaction', entry: Array(MAX_IMPORT_ENTRIES + 1).fill({}) };
    expect(readTransactionBundle(big).errors.map((e) => e.rule)).toEqual(['maxEntries']);
  });
});

describe('fhirPathOf', () => {
  const imported = { entry: 3, body: {}, conditionEntries: [5, 6] };
  it('places a patient field error on the Patient entry and a diagnosis error on its Condition entry', () => {
    expect(fhirPathOf(imported, { field: 'dateOfBirth', rule: 'isDateOfBirth', message: 'm' }).field).toBe(
      'Bundle.entry[3].resource.birthDate',
    );
    expect(fhirPathOf(imported, { field: 'diagnoses[1].icd10Code', rule: 'matches', message: 'm' }).field).toBe(
      'Bundle.entry[6].resource.code.coding',
    );
    expect(fhirPathOf(imported, { field: 'diagnoses', rule: 'atMostOnePrimary', message: 'm' }).field).toBe(
      'Bundle.entry[3].resource',
    );
  });
});
