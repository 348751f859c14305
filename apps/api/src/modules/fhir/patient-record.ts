/**
 * A patient's whole record as plain data, read in a bounded number of queries (see
 * fhir.repository.ts) and turned into FHIR resources by the pure functions in fhir-mapping.ts.
 * Instants are ISO strings; calendar dates are YYYY-MM-DD.
 */
export interface PatientRecord {
  patient: {
    id: string;
    clinicId: string;
    mrn: string;
    givenName: string;
    familyName: string;
    dateOfBirth: string;
    sex: 'FEMALE' | 'MALE' | 'OTHER' | 'UNKNOWN';
    phone: string | null;
    email: string | null;
    updatedAt: string;
  };
  diagnoses: {
    id: string;
    icd10Code: string;
    description: string;
    painMechanism: 'NEUROPATHIC' | 'NOCIPLASTIC' | 'NOCICEPTIVE' | 'MIXED';
    isPrimary: boolean;
    recordedAt: string;
  }[];
  screenings: ScreeningRecord[];
  /** The templates the screenings answered, by id. */
  templates: TemplateRecord[];
  appointments: {
    id: string;
    courseId: string;
    sessionNumber: number;
    sessionCount: number;
    kind: 'INITIAL' | 'BOOSTER';
    status: 'BOOKED' | 'CANCELLED' | 'NO_SHOW' | 'COMPLETED';
    startsAt: string;
    endsAt: string;
    protocolName: string;
    updatedAt: string;
  }[];
  sessions: SessionRecord[];
  followUpRecords: FollowUpRecordData[];
}

export interface TemplateRecord {
  id: string;
  key: string;
  version: number;
  title: string;
  kind: string;
  publishedAt: string;
  /** libs/domain's template definition ({ items }). */
  definition: unknown;
}

export interface ScreeningRecord {
  id: string;
  templateId: string;
  status: 'DRAFT' | 'SUBMITTED' | 'SIGNED' | 'DECLINED';
  answers: Record<string, unknown>;
  /** Instrument results by template item id, as libs/domain scored them. */
  scores: Record<string, { instrument?: string; complete?: boolean; score?: number }> | null;
  amendsId: string | null;
  createdAt: string;
  submittedAt: string | null;
  updatedAt: string;
}

export interface SessionRecord {
  id: string;
  appointmentId: string;
  courseId: string;
  protocolRoute: 'IV' | 'ORAL' | 'INTRANASAL' | 'IM' | 'TOPICAL';
  state: 'CHECKED_IN' | 'INFUSING' | 'IN_RECOVERY' | 'DISCHARGED';
  checkedInAt: string;
  startedAt: string | null;
  stoppedAt: string | null;
  dischargedAt: string | null;
  weightKg: number | null;
  painBefore: number | null;
  painAfter: number | null;
  updatedAt: string;
  readings: {
    id: string;
    takenAt: string;
    systolic: number | null;
    diastolic: number | null;
    heartRate: number | null;
    spo2: number | null;
    respiratoryRate: number | null;
    voided: boolean;
    recordedAt: string;
  }[];
  orders: {
    id: string;
    form: 'INFUSION' | 'BOLUS';
    route: 'IV' | 'ORAL' | 'INTRANASAL' | 'IM' | 'TOPICAL';
    perKg: number;
    weightKg: number;
    rateMgPerHour: number | null;
    doseMg: number | null;
    plannedMinutes: number | null;
    orderedAt: string;
  }[];
  doseEvents: {
    id: string;
    orderId: string;
    kind: 'START' | 'RATE' | 'STOP' | 'BOLUS';
    at: string;
    rateMgPerHour: number | null;
    mg: number | null;
    recordedAt: string;
  }[];
  adverseEvents: {
    id: string;
    status: 'DRAFT' | 'CONFIRMED' | 'DISMISSED';
    term: string;
    grade: number | null;
    onsetAt: string;
    outcome: string | null;
    serious: boolean;
    description: string | null;
    createdAt: string;
    decidedAt: string | null;
  }[];
}

export interface FollowUpRecordData {
  id: string;
  courseId: string;
  channel: 'PHONE' | 'IN_PERSON' | 'PATIENT_LINK';
  recordedAt: string;
  painNrsNow: number;
  painNrs7DayAverage: number;
  painInterference: Record<string, number>;
  painInterferenceRaw: number;
  painInterferenceT: number;
  phq9: Record<string, number>;
  phq9Total: number;
  bladder: Record<string, boolean | null>;
  supportingCare: string[];
}
