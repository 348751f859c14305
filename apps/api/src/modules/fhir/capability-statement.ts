import type { CapabilityStatement, CapabilityStatementRestResource } from '@medplum/fhirtypes';

/** The resource types Cadence reads out, each searchable by the patient it is about. */
export const EXPORTED_TYPES = [
  'Patient',
  'Condition',
  'Questionnaire',
  'QuestionnaireResponse',
  'Observation',
  'Appointment',
  'Encounter',
  'Procedure',
  'MedicationRequest',
  'MedicationAdministration',
  'AdverseEvent',
] as const;
export type ExportedType = (typeof EXPORTED_TYPES)[number];

/** The search parameter that names the patient, per type (Patient itself is searched by `_id`). */
export const PATIENT_SEARCH: Readonly<
  Record<Exclude<ExportedType, 'Patient' | 'Questionnaire'>, ('patient' | 'subject')[]>
> = {
  Condition: ['patient', 'subject'],
  QuestionnaireResponse: ['patient', 'subject'],
  Observation: ['patient', 'subject'],
  Appointment: ['patient'],
  Encounter: ['patient', 'subject'],
  Procedure: ['patient', 'subject'],
  MedicationRequest: ['patient', 'subject'],
  MedicationAdministration: ['patient', 'subject'],
  AdverseEvent: ['subject'],
};

/** What the server supports, exactly: one entry per interaction that answers, nothing more. */
export interface Capabilities {
  /** `POST /fhir/R4` with a transaction Bundle of Patient and Condition. */
  importPatients: boolean;
  /** `GET /fhir/R4/$export` (Bulk Data Access IG, system level). */
  bulkExport: boolean;
}

/** The CapabilityStatement `/fhir/R4/metadata` answers (FHIR R4 4.0.1, server mode, JSON only). */
export function capabilityStatement(
  baseUrl: string,
  software: { version: string; releaseDate: string },
  can: Capabilities,
): CapabilityStatement {
  const resource: CapabilityStatementRestResource[] = EXPORTED_TYPES.map((type) => {
    // Patients and Conditions are created only inside a transaction Bundle (rest.interaction).
    const interaction: CapabilityStatementRestResource['interaction'] = [{ code: 'read' }];
    if (type !== 'Questionnaire') interaction.push({ code: 'search-type' });
    const entry: CapabilityStatementRestResource = { type, interaction };
    if (type === 'Patient') {
      entry.searchParam = [{ name: '_id', type: 'token', documentation: 'The patient' }];
      entry.operation = [
        {
          name: 'everything',
          definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything',
          documentation: "The patient's whole record as a Bundle (no parameters are supported)",
        },
      ];
    } else if (type !== 'Questionnaire') {
      entry.searchParam = PATIENT_SEARCH[type].map((name) => ({
        name,
        type: 'reference',
        documentation: 'Patient/{id} or {id}; required: resources are searched by patient only',
      }));
    }
    return entry;
  });
  const statement: CapabilityStatement = {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: software.releaseDate,
    publisher: 'Cadence',
    kind: 'instance',
    software: { name: 'Cadence', version: software.version },
    implementation: { description: 'Cadence FHIR R4 interface', url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        security: {
          cors: false,
          description:
            "The API's session cookie or an Authorization: Bearer access token; the same roles as the rest of the API (a scheduler reads no clinical resource).",
        },
        resource,
        ...(can.importPatients
          ? {
              interaction: [
                { code: 'transaction' as const, documentation: 'Patient and Condition only, all or nothing' },
              ],
            }
          : {}),
        ...(can.bulkExport
          ? {
              operation: [
                {
                  name: 'export',
                  definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export',
                  documentation:
                    "Admin only; Prefer: respond-async; _type and _since; while one export runs, a second request answers 202 with the running export's status URL",
                },
              ],
            }
          : {}),
      },
    ],
  };
  return statement;
}
