import { DomainError } from '../../common/errors/domain-error';

export const fhirErrors = {
  unknownType: (type: string) =>
    new DomainError('NOT_FOUND', `This server serves no resource type ${type.slice(0, 64)}; see /fhir/R4/metadata.`),
  notFound: (type: string, id: string) => new DomainError('NOT_FOUND', `No ${type} ${id.slice(0, 64)} in this clinic.`),
  forbiddenType: (type: string) => new DomainError('FORBIDDEN', `Your role does not allow reading ${type} resources.`),
  patientRequired: (type: string, names: string[]) =>
    new DomainError('VALIDATION_FAILED', `Search ${type} by ${names.join(' or ')}.`, [
      { field: names[0], rule: 'required', message: `${names.join(' or ')} is required (Patient/{id})` },
    ]),
  badReference: (field: string) =>
    new DomainError('VALIDATION_FAILED', `${field} must name a patient as Patient/{id}.`, [
      { field, rule: 'isPatientReference', message: `${field} must be Patient/{id} or {id}` },
    ]),
};
