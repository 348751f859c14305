// The screening API's shapes. Written from the agreed contract until the endpoints appear in the
// API's OpenAPI document; then they become names for the generated types, like api/types.ts.
import type {
  Answers,
  EligibilityReason,
  InstrumentResult,
  ScreeningKind,
  ScreeningTemplate,
} from '@cadence/domain';

export type { ScreeningKind };

export interface ScreeningTemplateRecord {
  id: string;
  key: string;
  kind: ScreeningKind;
  version: number;
  title: string;
  /** The checklist as libs/domain defines it. */
  definition: ScreeningTemplate;
  publishedAt: string;
}

export type ScreeningStatus = 'DRAFT' | 'SUBMITTED' | 'SIGNED' | 'DECLINED';
export type ScreeningResult = 'ELIGIBLE' | 'NEEDS_REVIEW' | 'CONTRAINDICATED';
export type EligibilityStatus = ScreeningResult | 'NOT_ELIGIBLE';

export interface Screening {
  id: string;
  patientId: string;
  templateId: string;
  kind: ScreeningKind;
  templateVersion: number;
  status: ScreeningStatus;
  answers: Answers;
  /** Instrument results by template item id, fixed at submission. */
  scores: Record<string, InstrumentResult> | null;
  result: ScreeningResult | null;
  reasons: EligibilityReason[] | null;
  suicidalityFlag: boolean;
  noSerialInfusions: boolean;
  dayOnlyItems: string[];
  amendsId: string | null;
  createdAt: string;
  submittedAt: string | null;
  signedById: string | null;
  signedAt: string | null;
  signedOn: string | null;
  validUntil: string | null;
  overrideReason: string | null;
  declineReason: string | null;
  version: number;
}

export interface QueuePatient {
  id: string;
  mrn: string;
  givenName: string;
  familyName: string;
}

/** A submitted screening awaiting a clinician, with whose it is. Answers may be left out. */
export type ReviewQueueItem = Omit<Screening, 'answers'> & { answers?: Answers; patient: QueuePatient };

/** One reason of a patient's eligibility: a fired rule, a missing kind, or an expired screening. */
export interface EligibilityDecisionReason {
  type: 'rule' | 'missing' | 'expired';
  kind: ScreeningKind;
  reason: string;
  screeningId?: string;
  ruleId?: string;
  severity?: 'ABSOLUTE' | 'RELATIVE';
  source?: string;
  /** The answers behind a rule; nurses and clinicians only. */
  evidence?: string;
  validUntil?: string;
  overridden?: boolean;
  overriddenBy?: { by: string; reason: string };
}

export interface Eligibility {
  on: string;
  status: EligibilityStatus;
  reasons: EligibilityDecisionReason[];
  screeningIds: string[];
  expiresAt?: string | null;
  suicidalityFlag: boolean;
  noSerialInfusionsWithoutOverride: boolean;
  requiresOnTheDay: string[];
}

export interface CreateScreeningBody {
  templateId: string;
  answers?: Answers;
}
