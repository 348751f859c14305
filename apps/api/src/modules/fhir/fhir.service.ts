import { Inject, Injectable } from '@nestjs/common';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { isUUID } from 'class-validator';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { APP_CONFIG, type AppConfig } from '../../common/config/app.config';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import { EXPORTED_TYPES, PATIENT_SEARCH, type ExportedType } from './capability-statement';
import { searchsetBundle, patientOf } from './fhir-bundle';
import { fhirErrors } from './fhir.errors';
import {
  FOLLOW_UP_QUESTIONNAIRE_ID,
  followUpQuestionnaireResource,
  patientResources,
  screeningQuestionnaire,
} from './fhir-mapping';
import { FhirRepository } from './fhir.repository';
import { FHIR_BASE } from './operation-outcome.filter';
import type { FhirSearchDto } from './dto/fhir-search.dto';

/** What a scheduler (front desk) may read: who the patient is and when they come, nothing clinical. */
const FRONT_DESK_TYPES: readonly ExportedType[] = ['Patient', 'Appointment'];
const CLINICAL_ROLES = ['NURSE', 'CLINICIAN'] as const;

@Injectable()
export class FhirService {
  private readonly baseUrl: string;

  constructor(
    private readonly repository: FhirRepository,
    private readonly audit: AuditRepository,
    @Inject(TransactionHost) private readonly transactions: Transactions,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.baseUrl = `${config.http.publicOrigins[0]}${FHIR_BASE}`;
  }

  /** The patient's whole record as a searchset Bundle, audited as one read of the patient. */
  async everything(actor: Actor, meta: RequestMeta, patientId: string): Promise<Bundle> {
    const resources = await this.patientResources(actor, meta, patientId, '$everything');
    if (!resources) throw fhirErrors.notFound('Patient', patientId);
    return searchsetBundle(this.baseUrl, resources, `/Patient/${patientId}/$everything`);
  }

  /** One resource by type and id; a clinical one is read (and audited) through its patient's record. */
  async read(actor: Actor, meta: RequestMeta, type: string, id: string): Promise<Resource> {
    const known = this.knownType(actor, type);
    if (known === 'Questionnaire') return this.questionnaire(actor, id);
    // Derived resources (an Observation per vital sign, say) carry their row's id before a suffix.
    const rowId = id.slice(0, 36);
    if (!isUUID(rowId)) throw fhirErrors.notFound(known, id);
    const patientId = await this.repository.ownerOf(actor.clinicId, rowId);
    if (!patientId) throw fhirErrors.notFound(known, id);
    const resources = await this.patientResources(actor, meta, patientId, `${known}/read`);
    const found = resources?.find((r) => r.resourceType === known && r.id === id);
    if (!found) throw fhirErrors.notFound(known, id);
    return found;
  }

  /** A type's resources about one patient (`patient`, `subject`, or for Patient `_id`). */
  async search(actor: Actor, meta: RequestMeta, type: string, query: FhirSearchDto): Promise<Bundle> {
    const known = this.knownType(actor, type);
    const names = known === 'Patient' ? ['_id'] : known === 'Questionnaire' ? [] : PATIENT_SEARCH[known];
    const given = names.map((name) => [name, query[name as keyof FhirSearchDto]] as const).filter(([, v]) => v);
    if (!given.length) throw fhirErrors.patientRequired(known, names.length ? names : ['patient']);
    const ids = new Set(given.map(([name, value]) => patientIdOf(name, value!)));
    const self = `/${known}?${given.map(([n, v]) => `${n}=${encodeURIComponent(v!)}`).join('&')}`;
    if (ids.size > 1) return searchsetBundle(this.baseUrl, [], self);
    const [patientId] = ids;
    const resources = isUUID(patientId) ? await this.patientResources(actor, meta, patientId, `${known}/search`) : [];
    const matches = (resources ?? []).filter(
      (r) => r.resourceType === known && patientOf(r) === `Patient/${patientId}`,
    );
    return searchsetBundle(this.baseUrl, matches, self);
  }

  private knownType(actor: Actor, type: string): ExportedType {
    const known = EXPORTED_TYPES.find((t) => t === type);
    if (!known) throw fhirErrors.unknownType(type);
    const clinical = actor.roles.some((role) => (CLINICAL_ROLES as readonly string[]).includes(role));
    if (!clinical && !FRONT_DESK_TYPES.includes(known)) throw fhirErrors.forbiddenType(known);
    return known;
  }

  /** A Questionnaire is the clinic's form, not patient data: read without a patient, not audited. */
  private async questionnaire(actor: Actor, id: string): Promise<Resource> {
    if (id === FOLLOW_UP_QUESTIONNAIRE_ID) return followUpQuestionnaireResource();
    const template = isUUID(id) ? await this.repository.template(actor.clinicId, id) : undefined;
    if (!template) throw fhirErrors.notFound('Questionnaire', id);
    return screeningQuestionnaire(template);
  }

  /**
   * The patient's resources, and a READ audit row of the patient, in one transaction; a scheduler
   * gets the front desk's types only. Undefined when the clinic has no such patient.
   */
  private async patientResources(
    actor: Actor,
    meta: RequestMeta,
    patientId: string,
    how: string,
  ): Promise<Resource[] | undefined> {
    return this.transactions.withTransaction(async () => {
      const record = await this.repository.record(actor.clinicId, patientId);
      if (!record) return undefined;
      const clinical = actor.roles.some((role) => (CLINICAL_ROLES as readonly string[]).includes(role));
      const resources = patientResources(record).filter(
        (r) => clinical || FRONT_DESK_TYPES.includes(r.resourceType as ExportedType),
      );
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'READ',
          entity: 'Patient',
          entityId: patientId,
          patientId,
          fields: [`fhir:${how}`],
        }),
      );
      return resources;
    });
  }
}

/** `Patient/{id}` or `{id}` (for `_id`, the id itself). */
function patientIdOf(name: string, value: string): string {
  const id = name === '_id' ? value : value.replace(/^Patient\//, '');
  if (name !== '_id' && value.includes('/') && !value.startsWith('Patient/')) throw fhirErrors.badReference(name);
  return id;
}
