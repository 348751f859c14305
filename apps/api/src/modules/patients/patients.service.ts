import { Injectable } from '@nestjs/common';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { DomainError } from '../../common/errors/domain-error';
import { auditEntry } from '../audit/audit-entry';
import type {
  CreatePatientDto,
  PatientDto,
  PatientPageDto,
  PatientSearchDto,
  UpdatePatientDto,
} from './dto/patient.dto';
import { PatientsRepository, WriteResult } from './patients.repository';

@Injectable()
export class PatientsService {
  constructor(private readonly patients: PatientsRepository) {}

  async search(actor: Actor, meta: RequestMeta, query: PatientSearchDto): Promise<PatientPageDto> {
    const words = (query.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 5);
    const filters = [...(words.length ? ['q'] : []), ...(query.dateOfBirth ? ['dateOfBirth'] : [])];
    const { items, total } = await this.patients.search(
      {
        clinicId: actor.clinicId,
        words,
        dateOfBirth: query.dateOfBirth,
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      },
      auditEntry(actor, meta, { action: 'SEARCH', entity: 'Patient', fields: filters }),
    );
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async get(actor: Actor, meta: RequestMeta, id: string): Promise<PatientDto> {
    const row = await this.patients.read(
      actor.clinicId,
      id,
      auditEntry(actor, meta, { action: 'READ', entity: 'Patient' }),
    );
    if (!row) throw new DomainError('NOT_FOUND', 'No such patient in this clinic.');
    return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
  }

  async create(actor: Actor, meta: RequestMeta, dto: CreatePatientDto): Promise<PatientDto> {
    const fields = Object.keys(dto)
      .filter((field) => dto[field as keyof CreatePatientDto] !== undefined)
      .sort();
    const result = await this.patients.create(actor.clinicId, dto, (id) =>
      auditEntry(actor, meta, { action: 'CREATE', entity: 'Patient', entityId: id, patientId: id, fields }),
    );
    return this.get(actor, meta, unwrap(result));
  }

  async update(actor: Actor, meta: RequestMeta, id: string, dto: UpdatePatientDto): Promise<PatientDto> {
    const result = await this.patients.update(actor.clinicId, id, dto, (changed) =>
      auditEntry(actor, meta, { action: 'UPDATE', entity: 'Patient', entityId: id, patientId: id, fields: changed }),
    );
    return this.get(actor, meta, unwrap(result));
  }
}

function unwrap(result: WriteResult<string>): string {
  if (result.ok) return result.value;
  switch (result.reason) {
    case 'NOT_FOUND':
      throw new DomainError('NOT_FOUND', 'No such patient in this clinic.');
    case 'MRN_TAKEN':
      throw new DomainError('MRN_TAKEN', 'Another patient in this clinic has this MRN.', [
        { field: 'mrn', rule: 'unique', message: 'mrn is already used by another patient in this clinic' },
      ]);
    case 'STALE_VERSION':
      throw new DomainError(
        'STALE_VERSION',
        'This patient was changed by someone else since you opened it; reload and apply your edit again.',
        [
          {
            field: 'version',
            rule: 'current',
            message: `version must be the current version (${result.currentVersion})`,
          },
        ],
        { currentVersion: result.currentVersion },
      );
    case 'NOTHING_CHANGED':
      throw new DomainError('VALIDATION_FAILED', 'The update changes nothing.', [
        { field: 'body', rule: 'atLeastOneChange', message: 'name at least one field with a new value' },
      ]);
  }
}
