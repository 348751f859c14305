import { Inject, Injectable } from '@nestjs/common';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import type { LiveSessionCheck } from '../../common/auth/live-session';
import { SessionChecks } from '../../common/auth/session-checks';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import type {
  CreatePatientDto,
  PatientDto,
  PatientPageDto,
  PatientSearchDto,
  UpdatePatientDto,
} from './dto/patient.dto';
import { patientsErrors } from './patients.errors';
import { type PatientChanges, type PatientFields, PatientsRepository } from './patients.repository';

@Injectable()
export class PatientsService {
  constructor(
    private readonly patients: PatientsRepository,
    private readonly audit: AuditRepository,
    private readonly sessionChecks: SessionChecks,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  /** `live`: the session check the statement performs on a route marked @SessionCheckedByStatement(). */
  async search(
    actor: Actor,
    meta: RequestMeta,
    query: PatientSearchDto,
    live?: LiveSessionCheck,
  ): Promise<PatientPageDto> {
    const words = (query.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 5);
    const filters = [...(words.length ? ['q'] : []), ...(query.dateOfBirth ? ['dateOfBirth'] : [])];
    const { items, total, totalIsLowerBound } = await this.patients.search(
      {
        clinicId: actor.clinicId,
        words,
        dateOfBirth: query.dateOfBirth,
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      },
      auditEntry(actor, meta, { action: 'SEARCH', entity: 'Patient', fields: filters }),
      live,
    );
    if (items.length === 0) await this.sessionChecks.confirm(live);
    return { items, total, totalIsLowerBound, page: query.page, pageSize: query.pageSize };
  }

  async get(actor: Actor, meta: RequestMeta, id: string, live?: LiveSessionCheck): Promise<PatientDto> {
    const row = await this.patients.read(
      actor.clinicId,
      id,
      auditEntry(actor, meta, { action: 'READ', entity: 'Patient' }),
      live,
    );
    if (!row) {
      await this.sessionChecks.confirm(live);
      throw patientsErrors.notFound();
    }
    return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
  }

  async create(actor: Actor, meta: RequestMeta, dto: CreatePatientDto): Promise<PatientDto> {
    const fields = Object.keys(dto)
      .filter((field) => dto[field as keyof CreatePatientDto] !== undefined)
      .sort();
    const id = await this.transactions.withTransaction(async () => {
      const created = await this.patients.create(actor.clinicId, dto);
      if (!created) throw patientsErrors.mrnTaken();
      await this.audit.record(
        auditEntry(actor, meta, { action: 'CREATE', entity: 'Patient', entityId: created, patientId: created, fields }),
      );
      return created;
    });
    return this.get(actor, meta, id);
  }

  /**
   * Registers every patient or none (an import from another system): each written as `create`
   * writes it, with its CREATE audit row, in one transaction. Returns the ids in order, or the
   * indexes of the patients whose MRN is taken in the clinic (nothing is written then).
   */
  async createAll(
    actor: Actor,
    meta: RequestMeta,
    dtos: CreatePatientDto[],
  ): Promise<{ ids: string[]; mrnTaken?: undefined } | { ids?: undefined; mrnTaken: number[] }> {
    return this.transactions.withTransaction(async () => {
      const taken = new Set(
        await this.patients.takenMrns(
          actor.clinicId,
          dtos.map((d) => d.mrn),
        ),
      );
      const mrnTaken = dtos.flatMap((d, i) => (taken.has(d.mrn) ? [i] : []));
      if (mrnTaken.length) return { mrnTaken };
      const ids: string[] = [];
      for (const dto of dtos) {
        const created = await this.patients.create(actor.clinicId, dto);
        // Registered meanwhile by someone else: the transaction is aborted, nothing of it stays.
        if (!created) throw patientsErrors.mrnTaken();
        const fields = Object.keys(dto)
          .filter((field) => dto[field as keyof CreatePatientDto] !== undefined)
          .sort();
        await this.audit.record(
          auditEntry(actor, meta, {
            action: 'CREATE',
            entity: 'Patient',
            entityId: created,
            patientId: created,
            fields,
          }),
        );
        ids.push(created);
      }
      return { ids };
    });
  }

  /** Applies the fields that change, at the version the edit started from, with an UPDATE audit row naming them. */
  async update(actor: Actor, meta: RequestMeta, id: string, dto: UpdatePatientDto): Promise<PatientDto> {
    const { version, ...edit } = dto;
    const changes: PatientChanges = Object.fromEntries(Object.entries(edit).filter(([, value]) => value !== undefined));
    await this.transactions.withTransaction(async () => {
      const current = await this.patients.current(actor.clinicId, id);
      if (!current) throw patientsErrors.notFound();
      if (current.version !== version) throw patientsErrors.stale(current.version);
      const changed = changedFields(current, changes);
      if (changed.length === 0) throw patientsErrors.nothingChanged();
      const write = await this.patients.update(actor.clinicId, id, version, changes);
      switch (write) {
        case 'UPDATED':
          break;
        case 'STALE':
          throw patientsErrors.stale(version + 1);
        case 'MRN_TAKEN':
          throw patientsErrors.mrnTaken();
        default: {
          const unreachable: never = write;
          throw new Error(`Unhandled patient update ${String(unreachable)}`);
        }
      }
      await this.audit.record(
        auditEntry(actor, meta, { action: 'UPDATE', entity: 'Patient', entityId: id, patientId: id, fields: changed }),
      );
    });
    return this.get(actor, meta, id);
  }
}

/** The fields whose new value differs from the stored one, sorted (a missing optional value reads as null). */
export function changedFields(current: PatientFields, changes: PatientChanges): string[] {
  return Object.entries(changes)
    .filter(([field, value]) => (current[field as keyof PatientFields] ?? null) !== (value ?? null))
    .map(([field]) => field)
    .sort();
}
