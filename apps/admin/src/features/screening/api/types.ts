// Names for the screening API's shapes, from the generated schema. The JSON-typed fields the
// OpenAPI document leaves open (a template's definition, answers, scores) are given the domain
// library's types here, once: they are exactly what `@cadence/domain` produces and checks.
import type { Answers, InstrumentResult, ScreeningTemplate } from '@cadence/domain';
import type { components } from '../../../api/schema';
import type { RequestBody, ResponseBody } from '../../../api/types';

type Schemas = components['schemas'];

export type ScreeningKind = Schemas['ScreeningKind'];
export type ScreeningStatus = Schemas['ScreeningState'];
export type ScreeningResult = Schemas['ScreeningResult'];
export type EligibilityStatus = Schemas['EligibilityDecision'];

type TemplateDto = ResponseBody<'/api/screening-templates', 'get'>['items'][number];
export type ScreeningTemplateRecord = Omit<TemplateDto, 'definition'> & {
  /** The checklist as libs/domain defines it. */
  definition: ScreeningTemplate;
};

type ScreeningDto = ResponseBody<'/api/screenings/{id}', 'get'>;
export type Screening = Omit<ScreeningDto, 'answers' | 'scores'> & {
  answers: Answers;
  /** Instrument results by template item id, fixed at submission. */
  scores?: Record<string, InstrumentResult> | null;
};

/** A submitted screening awaiting a clinician, with whose it is (no answers). */
export type ReviewQueueItem = ResponseBody<'/api/screening-queue', 'get'>['items'][number];
export type QueuePatient = ReviewQueueItem['patient'];

export type Eligibility = ResponseBody<'/api/patients/{id}/eligibility', 'get'>;
/** One reason of a patient's eligibility: a fired rule, a missing kind, or an expired screening. */
export type EligibilityDecisionReason = Eligibility['reasons'][number];

export type CreateScreeningBody = Omit<RequestBody<'/api/patients/{patientId}/screenings', 'post'>, 'answers'> & {
  answers?: Answers;
};
