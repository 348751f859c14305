import { Injectable } from '@nestjs/common';
import type { Bundle } from '@medplum/fhirtypes';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { toFieldErrors } from '../../common/validation/validation';
import { CreatePatientDto } from '../patients/dto/patient.dto';
import { PatientsService } from '../patients/patients.service';
import { fhirPathOf, readTransactionBundle } from './fhir-import';

/**
 * Imports a clinic's patient list from its previous system: a FHIR transaction Bundle of Patient
 * and Condition resources, created all or nothing through POST /api/patients's own validation.
 */
@Injectable()
export class FhirImportService {
  constructor(private readonly patients: PatientsService) {}

  async importBundle(actor: Actor, meta: RequestMeta, body: unknown): Promise<Bundle> {
    const { patients, errors } = readTransactionBundle(body);
    const problems: FieldError[] = [...errors];
    const dtos: CreatePatientDto[] = [];
    for (const patient of patients) {
      const dto = plainToInstance(CreatePatientDto, patient.body);
      const invalid = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
      problems.push(...toFieldErrors(invalid).map((error) => fhirPathOf(patient, error)));
      dtos.push(dto);
    }
    const firstOf = new Map<string, number>();
    patients.forEach((patient, i) => {
      const mrn = dtos[i].mrn;
      if (typeof mrn !== 'string') return;
      const first = firstOf.get(mrn);
      if (first === undefined) firstOf.set(mrn, i);
      else
        problems.push({
          field: `Bundle.entry[${patient.entry}].resource.identifier`,
          rule: 'unique',
          message: `Bundle.entry[${patient.entry}].resource.identifier repeats the MRN of Bundle.entry[${patients[first].entry}]`,
        });
    });
    if (!patients.length && !errors.length)
      problems.push({
        field: 'Bundle.entry',
        rule: 'required',
        message: 'Bundle.entry must list at least one Patient',
      });
    if (problems.length)
      throw new DomainError('VALIDATION_FAILED', 'The Bundle has invalid resources; nothing was imported.', problems);

    const result = await this.patients.createAll(actor, meta, dtos);
    if (result.mrnTaken) {
      throw new DomainError(
        'MRN_TAKEN',
        'Some MRNs are taken in this clinic; nothing was imported.',
        result.mrnTaken.map((i) => ({
          field: `Bundle.entry[${patients[i].entry}].resource.identifier`,
          rule: 'mrnTaken',
          message: `Bundle.entry[${patients[i].entry}].resource.identifier: the MRN is taken in this clinic`,
        })),
      );
    }
    const ids = result.ids;
    const entryCount = Array.isArray((body as { entry?: unknown[] }).entry)
      ? (body as { entry: unknown[] }).entry.length
      : 0;
    const location = new Map<number, string>();
    patients.forEach((patient, i) => {
      location.set(patient.entry, `Patient/${ids[i]}`);
      for (const entry of patient.conditionEntries) location.set(entry, '');
    });
    return {
      resourceType: 'Bundle',
      type: 'transaction-response',
      entry: Array.from({ length: entryCount }, (_, i) => ({
        response: { status: '201 Created', ...(location.get(i) ? { location: location.get(i) } : {}) },
      })),
    };
  }
}
