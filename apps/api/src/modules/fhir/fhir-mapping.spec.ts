import type { Patient, Reference } from '@medplum/fhirtypes';
import { selectForExport } from './fhir-export.service';
import { referencesIn } from './fhir-bundle';
import {
  adverseEvent,
  medicationAdministrations,
  patientResource,
  patientResources,
  vitalsObservations,
} from './fhir-mapping';
import type { PatientRecord, SessionRecord } from './patient-record';

const subject: Reference<Patient> = { reference: 'Patient/p1' };
const encounter = { reference: 'Encounter/s1' };
const procedure = { reference: 'Procedure/s1' };
const T0 = '2026-11-02T08:05:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

function session(overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    appointmentId: '00000000-0000-4000-8000-0000000000a1',
    courseId: 'c1',
    protocolRoute: 'IV',
    state: 'DISCHARGED',
    checkedInAt: at(-5),
    startedAt: at(0),
    stoppedAt: at(40),
    dischargedAt: at(100),
    weightKg: 70,
    painBefore: 7,
    painAfter: 3,
    updatedAt: at(130),
    readings: [],
    orders: [
      {
        id: 'o1',
        form: 'INFUSION',
        route: 'IV',
        perKg: 0.5,
        weightKg: 70,
        rateMgPerHour: 35,
        doseMg: null,
        plannedMinutes: 40,
        orderedAt: at(-2),
      },
    ],
    doseEvents: [],
    adverseEvents: [],
    ...overrides,
  };
}

const event = (
  kind: 'START' | 'RATE' | 'STOP' | 'BOLUS',
  minutes: number,
  rate: number | null,
  mg: number | null = null,
) => ({
  id: `e-${kind}-${minutes}`,
  orderId: 'o1',
  kind,
  at: at(minutes),
  rateMgPerHour: rate,
  mg,
  recordedAt: at(minutes),
});

describe('medicationAdministrations', () => {
  it('makes one administration per rate segment, each ending where the next begins, with the mg it gave', () => {
    const s = session({ doseEvents: [event('START', 0, 30), event('RATE', 20, 24), event('STOP', 40, null)] });
    const given = medicationAdministrations(s, subject, encounter, procedure);
    expect(given.map((g) => [g.effectivePeriod, g.dosage?.rateQuantity?.value, g.dosage?.dose?.value])).toEqual([
      [{ start: at(0), end: at(20) }, 30, 10],
      [{ start: at(20), end: at(40) }, 24, 8],
    ]);
    expect(given[0]).toMatchObject({
      status: 'completed',
      context: encounter,
      request: { reference: 'MedicationRequest/o1' },
    });
    expect(given[0].dosage?.rateQuantity).toEqual({
      value: 30,
      unit: 'mg/h',
      system: 'http://unitsofmeasure.org',
      code: 'mg/h',
    });
  });

  it('leaves a running segment open and in progress, and gives a bolus as one dose at an instant', () => {
    const s = session({ doseEvents: [event('BOLUS', 1, null, 10), event('START', 5, 30)] });
    const given = medicationAdministrations(s, subject, encounter, procedure);
    expect(given[0]).toMatchObject({ effectiveDateTime: at(1), dosage: { dose: { value: 10, code: 'mg' } } });
    expect(given[1]).toMatchObject({ status: 'in-progress', effectivePeriod: { start: at(5) } });
    expect(given[1].effectivePeriod?.end).toBeUndefined();
  });
});

describe('adverseEvent', () => {
  const ae = (grade: number | null, status: 'CONFIRMED' | 'DRAFT' = 'CONFIRMED') =>
    adverseEvent(
      {
        id: 'a1',
        status,
        term: 'hypertension',
        grade,
        onsetAt: at(10),
        outcome: 'RESOLVING',
        serious: false,
        description: null,
        createdAt: at(12),
        decidedAt: null,
      },
      subject,
      encounter,
      procedure,
    );

  it.each([
    [1, 'mild'],
    [2, 'moderate'],
    [3, 'severe'],
    [5, 'severe'],
  ])('maps CTCAE grade %i to R4 severity %s and keeps the grade in the extension', (grade, severity) => {
    const mapped = ae(grade);
    expect(mapped.severity?.coding?.[0].code).toBe(severity);
    expect(mapped.extension?.[0].extension).toContainEqual({ url: 'grade', valueInteger: grade });
  });

  it('says a draft is potential, an ungraded event has no severity, and maps the outcome', () => {
    expect(ae(null, 'DRAFT')).toMatchObject({ actuality: 'potential', outcome: { coding: [{ code: 'recovering' }] } });
    expect(ae(null).severity).toBeUndefined();
  });
});

describe('vitalsObservations', () => {
  it('gives pulse oximetry both codings, blood pressure as a panel, and skips what was not measured', () => {
    const s = session({
      readings: [
        {
          id: 'r1',
          takenAt: at(15),
          systolic: 130,
          diastolic: null,
          heartRate: null,
          spo2: 97,
          respiratoryRate: null,
          voided: true,
          recordedAt: at(16),
        },
      ],
    });
    const obs = vitalsObservations(s, subject, encounter);
    expect(obs.map((o) => o.id)).toEqual([`${s.id}-weight`, 'r1-spo2']);
    expect(obs[1].code.coding!.map((c) => c.code)).toEqual(['2708-6', '59408-5']);
    expect(obs[1].status).toBe('entered-in-error');
  });
});

describe('patientResources', () => {
  it('maps sex to gender and names the MRN within its clinic', () => {
    const patient = patientResource({
      id: 'p1',
      clinicId: 'k1',
      mrn: 'M-1',
      givenName: 'Ada',
      familyName: 'Lovelace',
      dateOfBirth: '1980-04-02',
      sex: 'OTHER',
      phone: null,
      email: null,
      updatedAt: at(0),
    });
    expect(patient).toMatchObject({
      gender: 'other',
      identifier: [{ system: 'https://cadence.dev/fhir/clinic/k1/mrn', value: 'M-1' }],
    });
    expect(patient.telecom).toBeUndefined();
  });

  it('names no resource outside the record', () => {
    const record: PatientRecord = {
      patient: {
        id: 'p1',
        clinicId: 'k1',
        mrn: 'M',
        givenName: 'A',
        familyName: 'B',
        dateOfBirth: '1980-01-01',
        sex: 'FEMALE',
        phone: null,
        email: null,
        updatedAt: at(0),
      },
      diagnoses: [],
      screenings: [],
      templates: [],
      appointments: [
        {
          id: session().appointmentId,
          courseId: 'c1',
          sessionNumber: 1,
          sessionCount: 1,
          kind: 'INITIAL',
          status: 'COMPLETED',
          startsAt: at(-5),
          endsAt: at(45),
          protocolName: 'Single infusion',
          updatedAt: at(45),
        },
      ],
      sessions: [session({ doseEvents: [event('START', 0, 30), event('STOP', 40, null)] })],
      followUpRecords: [],
    };
    const resources = patientResources(record);
    const present = new Set(resources.map((r) => `${r.resourceType}/${r.id}`));
    expect(resources.flatMap(referencesIn).filter((ref) => !present.has(ref))).toEqual([]);
  });
});

describe('selectForExport', () => {
  const resources = [
    { resourceType: 'Patient' as const, id: 'p', meta: { lastUpdated: '2026-11-02T10:00:00.000Z' } },
    { resourceType: 'Encounter' as const, id: 'e', meta: { lastUpdated: '2026-11-01T10:00:00.000Z' } },
    { resourceType: 'Questionnaire' as const, id: 'q' },
  ];
  it('keeps the types asked for (all when none), and at _since only what changed at or after it', () => {
    const ids = (types: string[], since: string | null) =>
      selectForExport(resources as never, types, since ? new Date(since) : null).map((r) => r.id);
    expect(ids([], null)).toEqual(['p', 'e', 'q']);
    expect(ids(['Encounter'], null)).toEqual(['e']);
    expect(ids([], '2026-11-02T10:00:00.000Z')).toEqual(['p']);
    expect(ids([], '2026-11-02T10:00:00.001Z')).toEqual([]);
  });
});
