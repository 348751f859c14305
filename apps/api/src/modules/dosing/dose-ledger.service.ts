import { Inject, Injectable } from '@nestjs/common';
import { cumulativeLedger } from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import { dosingSettingsOf } from '../sessions/infusion-settings';
import { doseRecordsOf, type StoredHomeDose } from './dose-records';
import { dosingErrors } from './dosing.errors';
import { toHomeDoseDto, toLedgerDto } from './dosing.mapper';
import { DosingRepository } from './dosing.repository';
import type { CreateHomeDoseDto, DoseLedgerDto, HomeDoseDto, HomeDoseListDto } from './dto/dosing.dto';

/** Clocks drift between devices and the server: a dose up to a minute ahead of the server is "now". */
const CLOCK_SKEW_MS = 60_000;

/**
 * The patient's cumulative-dose ledger, and the doses taken at home (oral, intranasal) that it
 * counts from when they were taken, however late they are recorded.
 */
@Injectable()
export class DoseLedgerService {
  constructor(
    private readonly dosing: DosingRepository,
    private readonly audit: AuditRepository,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  async ledger(actor: Actor, meta: RequestMeta, patientId: string): Promise<DoseLedgerDto> {
    return this.transactions.withTransaction(async () => {
      await this.assertPatient(actor, patientId);
      const clinic = await this.dosing.clinic(actor.clinicId);
      if (!clinic) throw dosingErrors.patientNotFound();
      const history = await this.dosing.history(actor.clinicId, patientId);
      const ledger = cumulativeLedger(doseRecordsOf(history), Date.now(), dosingSettingsOf(clinic.dosingSettings));
      await this.audit.record(
        auditEntry(actor, meta, { action: 'READ', entity: 'DoseLedger', patientId, fields: ['byRoute', 'total'] }),
      );
      return toLedgerDto(patientId, ledger);
    });
  }

  /** Records a home dose; a retry with the same id and content answers the stored one. */
  async recordHomeDose(
    actor: Actor,
    meta: RequestMeta,
    patientId: string,
    body: CreateHomeDoseDto,
  ): Promise<{ created: boolean; dose: HomeDoseDto }> {
    const takenAt = new Date(body.takenAt);
    if (takenAt.getTime() > Date.now() + CLOCK_SKEW_MS)
      throw dosingErrors.field('takenAt', 'notInFuture', 'takenAt must not be in the future');
    return this.transactions.withTransaction(async () => {
      await this.assertPatient(actor, patientId);
      await this.dosing.lockDoses(patientId);
      const existing = await this.dosing.homeDose(body.id);
      if (existing) {
        if (!sameHomeDose(existing, actor.clinicId, patientId, body, takenAt)) throw dosingErrors.idTaken('home dose');
        return { created: false, dose: toHomeDoseDto(existing) };
      }
      const dose = await this.dosing.insertHomeDose({
        id: body.id,
        clinicId: actor.clinicId,
        patientId,
        route: body.route,
        mg: body.mg,
        takenAt,
        note: body.note ?? null,
        recordedById: actor.id,
      });
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'CREATE',
          entity: 'HomeDose',
          entityId: dose.id,
          patientId,
          fields: ['route', 'mg', 'takenAt', ...(body.note === undefined ? [] : ['note'])],
        }),
      );
      return { created: true, dose: toHomeDoseDto(dose) };
    });
  }

  async homeDoses(actor: Actor, meta: RequestMeta, patientId: string): Promise<HomeDoseListDto> {
    return this.transactions.withTransaction(async () => {
      await this.assertPatient(actor, patientId);
      const doses = await this.dosing.homeDosesOf(actor.clinicId, patientId);
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'READ',
          entity: 'HomeDose',
          patientId,
          fields: ['route', 'mg', 'takenAt', 'note'],
        }),
      );
      return { items: doses.map(toHomeDoseDto) };
    });
  }

  private async assertPatient(actor: Actor, patientId: string) {
    if (!(await this.dosing.patientExists(actor.clinicId, patientId))) throw dosingErrors.patientNotFound();
  }
}

function sameHomeDose(
  existing: StoredHomeDose,
  clinicId: string,
  patientId: string,
  body: CreateHomeDoseDto,
  takenAt: Date,
): boolean {
  return (
    existing.clinicId === clinicId &&
    existing.patientId === patientId &&
    existing.route === body.route &&
    existing.mg === body.mg &&
    existing.takenAt.getTime() === takenAt.getTime() &&
    existing.note === (body.note ?? null)
  );
}
