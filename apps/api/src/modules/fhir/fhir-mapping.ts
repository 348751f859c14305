import type {
  AdverseEvent,
  Appointment,
  CodeableConcept,
  Condition,
  Encounter,
  MedicationAdministration,
  MedicationRequest,
  Observation,
  Patient,
  Procedure,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  Quantity,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import {
  ADVERSE_EVENT_TERMS,
  BLADDER_QUESTIONS,
  BLADDER_SYMPTOMS,
  followUpQuestionnaire,
  INSTRUMENTS,
  PROMIS_PAIN_INTERFERENCE_6A,
  type InstrumentId,
} from '@cadence/domain';
import {
  AE_SEVERITY,
  CODES,
  CONDITION_CATEGORY,
  CONDITION_CLINICAL,
  CONDITION_VERIFICATION,
  CTCAE_EXTENSION,
  CTCAE_VERSION,
  GAD7_ITEM_CODES,
  ICD10,
  LOINC,
  mrnSystem,
  PAIN_MECHANISM_EXTENSION,
  PAIN_MECHANISM_SYSTEM,
  PHQ9_ITEM_CODES,
  PRIMARY_DIAGNOSIS_EXTENSION,
  questionnaireUrl,
  SURVEY_CATEGORY,
  UCUM,
  V2_IDENTIFIER_TYPE,
  V3_ACT_CODE,
  VITAL_SIGNS_CATEGORY,
} from './fhir-codes';
import type {
  FollowUpRecordData,
  PatientRecord,
  ScreeningRecord,
  SessionRecord,
  TemplateRecord,
} from './patient-record';

export const FOLLOW_UP_QUESTIONNAIRE_ID = 'cadence-follow-up';

function ref<T extends Resource>(type: T['resourceType'], id: string): Reference<T> {
  return { reference: `${type}/${id}` };
}
const meta = (lastUpdated: string) => ({ lastUpdated });
const ucum = (value: number, unit: string, code = unit): Quantity => ({ value, unit, system: UCUM, code });
const ROUTE_TEXT: Record<SessionRecord['protocolRoute'], string> = {
  IV: 'Intravenous',
  ORAL: 'Oral',
  INTRANASAL: 'Intranasal',
  IM: 'Intramuscular',
  TOPICAL: 'Topical',
};
const KETAMINE: CodeableConcept = { coding: [CODES.ketamineRxNorm, CODES.ketamineSnomed], text: 'Ketamine' };

/** Every resource of the patient's record, Patient first; no resource names one outside the set. */
export function patientResources(record: PatientRecord): Resource[] {
  const subject = ref<Patient>('Patient', record.patient.id);
  const templates = new Map(record.templates.map((t) => [t.id, t]));
  const resources: Resource[] = [patientResource(record.patient)];
  resources.push(...record.diagnoses.map((d) => conditionResource(d, subject)));
  for (const template of record.templates) resources.push(screeningQuestionnaire(template));
  for (const screening of record.screenings) {
    const template = templates.get(screening.templateId);
    if (!template) continue;
    resources.push(screeningResponse(screening, template, subject), ...screeningScores(screening, subject));
  }
  if (record.followUpRecords.length) resources.push(followUpQuestionnaireResource());
  for (const followUp of record.followUpRecords)
    resources.push(followUpResponse(followUp, subject), ...followUpScores(followUp, subject));
  resources.push(...record.appointments.map((a) => appointmentResource(a, subject)));
  for (const session of record.sessions) resources.push(...sessionResources(session, subject));
  return resources;
}

export function patientResource(p: PatientRecord['patient']): Patient {
  const gender = ({ FEMALE: 'female', MALE: 'male', OTHER: 'other', UNKNOWN: 'unknown' } as const)[p.sex];
  const telecom: Patient['telecom'] = [
    ...(p.phone ? [{ system: 'phone' as const, value: p.phone }] : []),
    ...(p.email ? [{ system: 'email' as const, value: p.email }] : []),
  ];
  return {
    resourceType: 'Patient',
    id: p.id,
    meta: meta(p.updatedAt),
    identifier: [
      {
        use: 'usual',
        type: { coding: [{ system: V2_IDENTIFIER_TYPE, code: 'MR', display: 'Medical record number' }] },
        system: mrnSystem(p.clinicId),
        value: p.mrn,
      },
    ],
    active: true,
    name: [{ use: 'official', family: p.familyName, given: [p.givenName] }],
    gender,
    birthDate: p.dateOfBirth,
    ...(telecom.length ? { telecom } : {}),
  };
}

export function conditionResource(d: PatientRecord['diagnoses'][number], subject: Reference<Patient>): Condition {
  return {
    resourceType: 'Condition',
    id: d.id,
    meta: meta(d.recordedAt),
    extension: [
      {
        url: PAIN_MECHANISM_EXTENSION,
        valueCoding: { system: PAIN_MECHANISM_SYSTEM, code: d.painMechanism.toLowerCase() },
      },
      { url: PRIMARY_DIAGNOSIS_EXTENSION, valueBoolean: d.isPrimary },
    ],
    clinicalStatus: { coding: [{ system: CONDITION_CLINICAL, code: 'active' }] },
    verificationStatus: { coding: [{ system: CONDITION_VERIFICATION, code: 'confirmed' }] },
    category: [{ coding: [{ system: CONDITION_CATEGORY, code: 'encounter-diagnosis' }] }],
    code: { coding: [{ system: ICD10, code: d.icd10Code, display: d.description }], text: d.description },
    subject,
    recordedDate: d.recordedAt,
  };
}

// --- Screenings -------------------------------------------------------------------------------

interface TemplateItemShape {
  id: string;
  type: 'yesno' | 'number' | 'choice' | 'date' | 'text' | 'instrument';
  label: string;
  optional?: boolean;
  integer?: boolean;
  unit?: string;
  maxLength?: number;
  options?: { value: string; label: string }[];
  instrument?: InstrumentId;
}

const templateItems = (template: TemplateRecord): TemplateItemShape[] =>
  ((template.definition as { items?: TemplateItemShape[] } | null)?.items ?? []).filter((i) => i && i.id);

const INSTRUMENT_PANELS: Partial<
  Record<InstrumentId, { panel: { system: string; code: string; display: string }; items: string[] }>
> = {
  PHQ9: { panel: CODES.phq9Panel, items: PHQ9_ITEM_CODES },
  GAD7: { panel: CODES.gad7Panel, items: GAD7_ITEM_CODES },
};

/** FHIR ids allow letters, digits, '-' and '.', up to 64. */
const idPart = (text: string) => text.replace(/[^A-Za-z0-9.-]/g, '-');

export function screeningQuestionnaire(template: TemplateRecord): Questionnaire {
  return {
    resourceType: 'Questionnaire',
    id: template.id,
    meta: meta(template.publishedAt),
    url: questionnaireUrl(template.key),
    version: String(template.version),
    name: idPart(template.key),
    title: template.title,
    status: 'active',
    subjectType: ['Patient'],
    date: template.publishedAt,
    item: templateItems(template).map(questionnaireItem),
  };
}

function questionnaireItem(item: TemplateItemShape): QuestionnaireItem {
  const base = { linkId: item.id, text: item.label, required: !item.optional };
  switch (item.type) {
    case 'yesno':
      return { ...base, type: 'boolean' };
    case 'number':
      return { ...base, type: item.integer ? 'integer' : 'decimal' };
    case 'date':
      return { ...base, type: 'date' };
    case 'text':
      return { ...base, type: 'text', ...(item.maxLength ? { maxLength: item.maxLength } : {}) };
    case 'choice':
      return {
        ...base,
        type: 'choice',
        answerOption: (item.options ?? []).map((o) => ({ valueCoding: { code: o.value, display: o.label } })),
      };
    case 'instrument': {
      const definition = item.instrument ? INSTRUMENTS[item.instrument] : undefined;
      const codes = item.instrument ? INSTRUMENT_PANELS[item.instrument] : undefined;
      return {
        ...base,
        type: 'group',
        text: definition?.title ?? item.label,
        ...(codes ? { code: [codes.panel] } : {}),
        item: (definition?.items ?? []).map((question, i) => {
          const boolean = question.options.every((o) => typeof o.value === 'boolean');
          return {
            linkId: `${item.id}.${question.id}`,
            text: question.label,
            ...(codes?.items[i] ? { code: [{ system: LOINC, code: codes.items[i] }] } : {}),
            ...(boolean
              ? { type: 'boolean' as const }
              : {
                  type: 'choice' as const,
                  answerOption: question.options.map((o) => ({
                    valueCoding: { code: String(o.value), display: o.label },
                  })),
                }),
          };
        }),
      };
    }
    default:
      return { ...base, type: 'display' };
  }
}

export function screeningResponse(
  screening: ScreeningRecord,
  template: TemplateRecord,
  subject: Reference<Patient>,
): QuestionnaireResponse {
  const status =
    screening.status === 'DRAFT'
      ? 'in-progress'
      : screening.status === 'DECLINED'
        ? 'stopped'
        : screening.amendsId
          ? 'amended'
          : 'completed';
  const item = templateItems(template)
    .map((t) => responseItem(t, screening.answers[t.id]))
    .filter((i): i is QuestionnaireResponseItem => i !== undefined);
  return {
    resourceType: 'QuestionnaireResponse',
    id: screening.id,
    meta: meta(screening.updatedAt),
    questionnaire: `${questionnaireUrl(template.key)}|${template.version}`,
    status,
    subject,
    authored: screening.submittedAt ?? screening.createdAt,
    ...(item.length ? { item } : {}),
  };
}

function responseItem(item: TemplateItemShape, value: unknown): QuestionnaireResponseItem | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const one = (answer: NonNullable<QuestionnaireResponseItem['answer']>[number]) => ({
    linkId: item.id,
    text: item.label,
    answer: [answer],
  });
  switch (item.type) {
    case 'yesno':
      return typeof value === 'boolean' ? one({ valueBoolean: value }) : undefined;
    case 'number':
      if (typeof value !== 'number') return undefined;
      return one(item.integer && Number.isInteger(value) ? { valueInteger: value } : { valueDecimal: value });
    case 'date':
      return typeof value === 'string' ? one({ valueDate: value }) : undefined;
    case 'text':
      return typeof value === 'string' ? one({ valueString: value }) : undefined;
    case 'choice': {
      if (typeof value !== 'string') return undefined;
      const option = item.options?.find((o) => o.value === value);
      return one({ valueCoding: { code: value, ...(option ? { display: option.label } : {}) } });
    }
    case 'instrument': {
      const definition = item.instrument ? INSTRUMENTS[item.instrument] : undefined;
      if (!definition || typeof value !== 'object') return undefined;
      const answers = value as Record<string, unknown>;
      const nested = definition.items
        .filter((q) => typeof answers[q.id] === 'number' || typeof answers[q.id] === 'boolean')
        .map((q) => {
          const answer = answers[q.id] as number | boolean;
          const option = q.options.find((o) => o.value === answer);
          return {
            linkId: `${item.id}.${q.id}`,
            text: q.label,
            answer: [
              typeof answer === 'boolean'
                ? { valueBoolean: answer }
                : { valueCoding: { code: String(answer), ...(option ? { display: option.label } : {}) } },
            ],
          };
        });
      return nested.length ? { linkId: item.id, text: definition.title, item: nested } : undefined;
    }
    default:
      return undefined;
  }
}

const SCORE_CODES: Partial<Record<string, { system: string; code: string; display: string }>> = {
  PHQ9: CODES.phq9Total,
  GAD7: CODES.gad7Total,
};

/** The PHQ-9 and GAD-7 totals of a submitted screening, as survey Observations derived from its answers. */
export function screeningScores(screening: ScreeningRecord, subject: Reference<Patient>): Observation[] {
  if (screening.status === 'DRAFT' || !screening.scores) return [];
  return Object.entries(screening.scores).flatMap(([itemId, result]) => {
    const code = result.instrument ? SCORE_CODES[result.instrument] : undefined;
    if (!code || !result.complete || typeof result.score !== 'number') return [];
    return [
      surveyObservation({
        id: `${screening.id}-${idPart(itemId)}`,
        code,
        subject,
        effective: screening.submittedAt ?? screening.createdAt,
        lastUpdated: screening.updatedAt,
        value: { valueInteger: result.score },
        derivedFrom: ref<QuestionnaireResponse>('QuestionnaireResponse', screening.id),
      }),
    ];
  });
}

function surveyObservation(o: {
  id: string;
  code: { system: string; code: string; display: string };
  subject: Reference<Patient>;
  effective: string;
  lastUpdated: string;
  value: Pick<Observation, 'valueInteger' | 'valueQuantity'>;
  derivedFrom?: Reference<QuestionnaireResponse>;
  encounter?: Reference<Encounter>;
}): Observation {
  return {
    resourceType: 'Observation',
    id: o.id,
    meta: meta(o.lastUpdated),
    status: 'final',
    category: [SURVEY_CATEGORY],
    code: { coding: [o.code], text: o.code.display },
    subject: o.subject,
    ...(o.encounter ? { encounter: o.encounter } : {}),
    effectiveDateTime: o.effective,
    ...o.value,
    ...(o.derivedFrom ? { derivedFrom: [o.derivedFrom] } : {}),
  };
}

// --- Follow-ups -------------------------------------------------------------------------------

/** The follow-up's questions (libs/domain followUpQuestionnaire) as one Questionnaire. */
export function followUpQuestionnaireResource(): Questionnaire {
  const q = followUpQuestionnaire();
  const promis = PROMIS_PAIN_INTERFERENCE_6A;
  return {
    resourceType: 'Questionnaire',
    id: FOLLOW_UP_QUESTIONNAIRE_ID,
    url: questionnaireUrl(FOLLOW_UP_QUESTIONNAIRE_ID),
    version: '1',
    name: 'CadenceFollowUp',
    title: 'Cadence follow-up after a ketamine course',
    status: 'active',
    subjectType: ['Patient'],
    copyright: promis.copyrightNotice,
    item: [
      ...q.painNrs.map((p) => ({
        linkId: p.field,
        text: p.text,
        type: 'integer' as const,
        required: true,
        ...(p.field === 'painNrsNow' ? { code: [CODES.painNrs] } : {}),
      })),
      {
        linkId: 'painInterference',
        text: promis.title,
        type: 'group',
        code: [CODES.promisPi6aPanel],
        item: promis.items.map((i) => ({
          linkId: `painInterference.${i.id}`,
          text: i.text,
          code: [{ system: LOINC, code: i.loinc }],
          type: 'choice' as const,
          required: true,
          answerOption: promis.options.map((o) => ({
            valueCoding: { system: LOINC, code: o.loinc, display: o.label },
          })),
        })),
      },
      {
        linkId: 'phq9',
        text: q.phq9.title,
        type: 'group',
        code: [CODES.phq9Panel],
        item: q.phq9.items.map((i, n) => ({
          linkId: `phq9.${i.id}`,
          text: i.text,
          code: [{ system: LOINC, code: PHQ9_ITEM_CODES[n] }],
          type: 'choice' as const,
          required: true,
          answerOption: q.phq9.options.map((o) => ({ valueCoding: { code: String(o.value), display: o.label } })),
        })),
      },
      {
        linkId: 'bladder',
        text: 'Bladder symptoms',
        type: 'group',
        item: BLADDER_SYMPTOMS.map((s) => ({
          linkId: `bladder.${s}`,
          text: BLADDER_QUESTIONS[s],
          type: 'boolean' as const,
        })),
      },
      {
        linkId: 'supportingCare',
        text: q.supportingCare.text,
        type: 'choice',
        repeats: true,
        answerOption: q.supportingCare.options.map((o) => ({ valueCoding: { code: o.value, display: o.label } })),
      },
    ],
  };
}

export function followUpResponse(r: FollowUpRecordData, subject: Reference<Patient>): QuestionnaireResponse {
  const promis = PROMIS_PAIN_INTERFERENCE_6A;
  const q = followUpQuestionnaire();
  const phq9Labels = new Map(q.phq9.options.map((o) => [o.value, o.label]));
  const item: QuestionnaireResponseItem[] = [
    { linkId: 'painNrsNow', answer: [{ valueInteger: r.painNrsNow }] },
    { linkId: 'painNrs7DayAverage', answer: [{ valueInteger: r.painNrs7DayAverage }] },
    {
      linkId: 'painInterference',
      item: promis.items
        .filter((i) => typeof r.painInterference[i.id] === 'number')
        .map((i) => {
          const option = promis.options.find((o) => o.value === r.painInterference[i.id]);
          return {
            linkId: `painInterference.${i.id}`,
            answer: [{ valueCoding: { system: LOINC, code: option?.loinc, display: option?.label } }],
          };
        }),
    },
    {
      linkId: 'phq9',
      item: q.phq9.items
        .filter((i) => typeof r.phq9[i.id] === 'number')
        .map((i) => ({
          linkId: `phq9.${i.id}`,
          answer: [{ valueCoding: { code: String(r.phq9[i.id]), display: phq9Labels.get(r.phq9[i.id]) } }],
        })),
    },
    {
      linkId: 'bladder',
      item: BLADDER_SYMPTOMS.filter((s) => typeof r.bladder[s] === 'boolean').map((s) => ({
        linkId: `bladder.${s}`,
        answer: [{ valueBoolean: r.bladder[s] as boolean }],
      })),
    },
    ...(r.supportingCare.length
      ? [{ linkId: 'supportingCare', answer: r.supportingCare.map((code) => ({ valueCoding: { code } })) }]
      : []),
  ].filter((i) => i.answer?.length || i.item?.length);
  return {
    resourceType: 'QuestionnaireResponse',
    id: r.id,
    meta: meta(r.recordedAt),
    questionnaire: `${questionnaireUrl(FOLLOW_UP_QUESTIONNAIRE_ID)}|1`,
    status: 'completed',
    subject,
    authored: r.recordedAt,
    ...(r.channel === 'PATIENT_LINK' ? { source: subject } : {}),
    item,
  };
}

export function followUpScores(r: FollowUpRecordData, subject: Reference<Patient>): Observation[] {
  const common = {
    subject,
    effective: r.recordedAt,
    lastUpdated: r.recordedAt,
    derivedFrom: ref<QuestionnaireResponse>('QuestionnaireResponse', r.id),
  };
  return [
    surveyObservation({
      ...common,
      id: `${r.id}-pain-nrs`,
      code: CODES.painNrs,
      value: { valueInteger: r.painNrsNow },
    }),
    surveyObservation({
      ...common,
      id: `${r.id}-promis-pi-t`,
      code: CODES.promisPiTScore,
      value: { valueQuantity: ucum(r.painInterferenceT, '{T-score}') },
    }),
    surveyObservation({ ...common, id: `${r.id}-phq9`, code: CODES.phq9Total, value: { valueInteger: r.phq9Total } }),
  ];
}

// --- Appointments and infusion sessions -------------------------------------------------------

export function appointmentResource(
  a: PatientRecord['appointments'][number],
  subject: Reference<Patient>,
): Appointment {
  const status = ({ BOOKED: 'booked', CANCELLED: 'cancelled', NO_SHOW: 'noshow', COMPLETED: 'fulfilled' } as const)[
    a.status
  ];
  return {
    resourceType: 'Appointment',
    id: a.id,
    meta: meta(a.updatedAt),
    status,
    description: `${a.protocolName}: session ${a.sessionNumber} of ${a.sessionCount}${a.kind === 'BOOSTER' ? ' (booster)' : ''}`,
    start: a.startsAt,
    end: a.endsAt,
    minutesDuration: Math.round((Date.parse(a.endsAt) - Date.parse(a.startsAt)) / 60_000),
    participant: [{ actor: subject, required: 'required', status: 'accepted' }],
  };
}

/** Encounter and Procedure of the session, its vitals, orders, administrations and adverse events. */
export function sessionResources(s: SessionRecord, subject: Reference<Patient>): Resource[] {
  const encounter = ref<Encounter>('Encounter', s.id);
  const procedure = ref<Procedure>('Procedure', s.id);
  const finished = s.state === 'DISCHARGED';
  const resources: Resource[] = [
    {
      resourceType: 'Encounter',
      id: s.id,
      meta: meta(s.updatedAt),
      status: finished ? 'finished' : 'in-progress',
      class: { system: V3_ACT_CODE, code: 'AMB', display: 'ambulatory' },
      subject,
      appointment: [ref<Appointment>('Appointment', s.appointmentId)],
      period: { start: s.checkedInAt, ...(s.dischargedAt ? { end: s.dischargedAt } : {}) },
    } satisfies Encounter,
    {
      resourceType: 'Procedure',
      id: s.id,
      meta: meta(s.updatedAt),
      status: s.stoppedAt ? 'completed' : s.startedAt ? 'in-progress' : 'preparation',
      code:
        s.protocolRoute === 'IV'
          ? { coding: [CODES.ivInfusion], text: 'Ketamine infusion' }
          : { text: `Ketamine, ${ROUTE_TEXT[s.protocolRoute].toLowerCase()}` },
      subject,
      encounter,
      ...(s.startedAt ? { performedPeriod: { start: s.startedAt, ...(s.stoppedAt ? { end: s.stoppedAt } : {}) } } : {}),
    } satisfies Procedure,
  ];
  resources.push(...vitalsObservations(s, subject, encounter));
  const pain = [
    { suffix: 'pain-before', when: s.startedAt ?? s.checkedInAt, value: s.painBefore },
    { suffix: 'pain-after', when: s.stoppedAt ?? s.dischargedAt, value: s.painAfter },
  ];
  for (const { suffix, when, value } of pain) {
    if (value === null || !when) continue;
    resources.push(
      surveyObservation({
        id: `${s.id}-${suffix}`,
        code: CODES.painNrs,
        subject,
        encounter,
        effective: when,
        lastUpdated: s.updatedAt,
        value: { valueInteger: value },
      }),
    );
  }
  for (const order of s.orders) resources.push(medicationRequest(order, s, subject, encounter));
  resources.push(...medicationAdministrations(s, subject, encounter, procedure));
  resources.push(
    ...s.adverseEvents
      .filter((e) => e.status !== 'DISMISSED')
      .map((e) => adverseEvent(e, subject, encounter, procedure)),
  );
  return resources;
}

function vitalSign(
  id: string,
  subject: Reference<Patient>,
  encounter: Reference<Encounter>,
  effective: string,
  lastUpdated: string,
  voided: boolean,
  body: Pick<Observation, 'code' | 'valueQuantity' | 'component'>,
): Observation {
  return {
    resourceType: 'Observation',
    id,
    meta: meta(lastUpdated),
    status: voided ? 'entered-in-error' : 'final',
    category: [VITAL_SIGNS_CATEGORY],
    subject,
    encounter,
    effectiveDateTime: effective,
    ...body,
  };
}

/** One Observation per measured vital sign (FHIR vital-signs profile), plus the day's weight. */
export function vitalsObservations(
  s: SessionRecord,
  subject: Reference<Patient>,
  encounter: Reference<Encounter>,
): Observation[] {
  const out: Observation[] = [];
  if (s.weightKg !== null)
    out.push(
      vitalSign(`${s.id}-weight`, subject, encounter, s.checkedInAt, s.updatedAt, false, {
        code: { coding: [CODES.bodyWeight], text: 'Body weight' },
        valueQuantity: ucum(s.weightKg, 'kg'),
      }),
    );
  for (const r of s.readings) {
    const sign = (suffix: string, body: Pick<Observation, 'code' | 'valueQuantity' | 'component'>) =>
      out.push(vitalSign(`${r.id}-${suffix}`, subject, encounter, r.takenAt, r.recordedAt, r.voided, body));
    if (r.systolic !== null && r.diastolic !== null)
      sign('bp', {
        code: { coding: [CODES.bpPanel], text: 'Blood pressure' },
        component: [
          { code: { coding: [CODES.systolic] }, valueQuantity: ucum(r.systolic, 'mmHg', 'mm[Hg]') },
          { code: { coding: [CODES.diastolic] }, valueQuantity: ucum(r.diastolic, 'mmHg', 'mm[Hg]') },
        ],
      });
    if (r.heartRate !== null)
      sign('hr', {
        code: { coding: [CODES.heartRate], text: 'Heart rate' },
        valueQuantity: ucum(r.heartRate, 'beats/minute', '/min'),
      });
    if (r.respiratoryRate !== null)
      sign('rr', {
        code: { coding: [CODES.respiratoryRate], text: 'Respiratory rate' },
        valueQuantity: ucum(r.respiratoryRate, 'breaths/minute', '/min'),
      });
    if (r.spo2 !== null)
      sign('spo2', {
        // US Core pulse oximetry requires both codings (clinical-facts §8).
        code: { coding: [CODES.spo2Arterial, CODES.spo2PulseOximetry], text: 'Oxygen saturation by pulse oximetry' },
        valueQuantity: ucum(r.spo2, '%'),
      });
  }
  return out;
}

function medicationRequest(
  o: SessionRecord['orders'][number],
  s: SessionRecord,
  subject: Reference<Patient>,
  encounter: Reference<Encounter>,
): MedicationRequest {
  const rate =
    o.form === 'INFUSION'
      ? { rateQuantity: ucum(o.perKg, 'mg/kg/h', 'mg/(kg.h)') }
      : { doseQuantity: ucum(o.perKg, 'mg/kg', 'mg/kg') };
  return {
    resourceType: 'MedicationRequest',
    id: o.id,
    meta: meta(o.orderedAt),
    status: s.state === 'DISCHARGED' ? 'completed' : 'active',
    intent: 'order',
    medicationCodeableConcept: KETAMINE,
    subject,
    encounter,
    authoredOn: o.orderedAt,
    dosageInstruction: [
      {
        text:
          o.form === 'INFUSION'
            ? `${o.perKg} mg/kg/h on ${o.weightKg} kg (${o.rateMgPerHour ?? '?'} mg/h)${o.plannedMinutes ? ` for ${o.plannedMinutes} min` : ''}`
            : `${o.perKg} mg/kg on ${o.weightKg} kg (${o.doseMg ?? '?'} mg)`,
        route: { text: ROUTE_TEXT[o.route] },
        doseAndRate: [rate],
      },
    ],
  };
}

/**
 * One MedicationAdministration per rate segment of an infusion (from its START or RATE event to
 * the next event) and one per bolus; `context` is R4's name for the Encounter.
 */
export function medicationAdministrations(
  s: SessionRecord,
  subject: Reference<Patient>,
  encounter: Reference<Encounter>,
  procedure: Reference<Procedure>,
): MedicationAdministration[] {
  const out: MedicationAdministration[] = [];
  const routes = new Map(s.orders.map((o) => [o.id, o.route]));
  const byOrder = new Map<string, SessionRecord['doseEvents']>();
  for (const e of [...s.doseEvents].sort((a, b) => a.at.localeCompare(b.at)))
    byOrder.set(e.orderId, [...(byOrder.get(e.orderId) ?? []), e]);
  for (const [orderId, events] of byOrder) {
    const route = { text: ROUTE_TEXT[routes.get(orderId) ?? s.protocolRoute] };
    const common = {
      resourceType: 'MedicationAdministration' as const,
      medicationCodeableConcept: KETAMINE,
      subject,
      context: encounter,
      partOf: [procedure],
      request: ref<MedicationRequest>('MedicationRequest', orderId),
    };
    events.forEach((e, i) => {
      if (e.kind === 'BOLUS' && e.mg !== null) {
        out.push({
          ...common,
          id: e.id,
          meta: meta(e.recordedAt),
          status: 'completed',
          effectiveDateTime: e.at,
          dosage: { route, dose: ucum(e.mg, 'mg') },
        });
      } else if ((e.kind === 'START' || e.kind === 'RATE') && e.rateMgPerHour !== null) {
        const next = events.slice(i + 1).find((n) => n.kind !== 'BOLUS');
        const hours = next ? (Date.parse(next.at) - Date.parse(e.at)) / 3_600_000 : undefined;
        out.push({
          ...common,
          id: e.id,
          meta: meta(next?.recordedAt ?? e.recordedAt),
          status: next ? 'completed' : 'in-progress',
          effectivePeriod: { start: e.at, ...(next ? { end: next.at } : {}) },
          dosage: {
            route,
            rateQuantity: ucum(e.rateMgPerHour, 'mg/h'),
            ...(hours !== undefined ? { dose: ucum(Math.round(e.rateMgPerHour * hours * 10) / 10, 'mg') } : {}),
          },
        });
      }
    });
  }
  return out;
}

const SEVERITY = (grade: number) => (grade <= 1 ? 'mild' : grade === 2 ? 'moderate' : 'severe');
const OUTCOME: Record<string, string> = {
  RESOLVED: 'resolved',
  RESOLVING: 'recovering',
  NOT_RESOLVED: 'ongoing',
  FATAL: 'fatal',
  UNKNOWN: 'unknown',
};

/**
 * An adverse event: R4 severity (grade 1 mild, 2 moderate, 3–5 severe) and the CTCAE v5 term and
 * grade in Cadence's extension (no MedDRA codes: MedDRA is licensed). A draft is `potential`.
 */
export function adverseEvent(
  e: SessionRecord['adverseEvents'][number],
  subject: Reference<Patient>,
  encounter: Reference<Encounter>,
  procedure: Reference<Procedure>,
): AdverseEvent {
  const known = ADVERSE_EVENT_TERMS.find((t) => t.id === e.term);
  const term = known?.term ?? (e.term === 'other' && e.description ? e.description : e.term);
  const outcome = e.outcome ? OUTCOME[e.outcome] : undefined;
  return {
    resourceType: 'AdverseEvent',
    id: e.id,
    meta: meta(e.decidedAt ?? e.createdAt),
    extension: [
      {
        url: CTCAE_EXTENSION,
        extension: [
          { url: 'term', valueString: term },
          ...(e.grade !== null ? [{ url: 'grade', valueInteger: e.grade }] : []),
          { url: 'version', valueString: CTCAE_VERSION },
        ],
      },
    ],
    actuality: e.status === 'CONFIRMED' ? 'actual' : 'potential',
    event: { text: term },
    subject,
    encounter,
    date: e.onsetAt,
    recordedDate: e.createdAt,
    seriousness: { text: e.serious ? 'Serious' : 'Non-serious' },
    ...(e.grade !== null
      ? { severity: { coding: [{ system: AE_SEVERITY, code: SEVERITY(e.grade), display: SEVERITY(e.grade) }] } }
      : {}),
    ...(outcome
      ? {
          outcome: {
            coding: [{ system: 'http://terminology.hl7.org/CodeSystem/adverse-event-outcome', code: outcome }],
          },
        }
      : {}),
    suspectEntity: [{ instance: procedure }],
  };
}
