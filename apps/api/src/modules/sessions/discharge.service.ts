import { Inject, Injectable } from '@nestjs/common';
import { aldreteOxygenScore, dischargeCheck, sessionActionRefusal, type AldreteScores } from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import { baselineOf, type StoredCheckInFacts } from './check-in-facts';
import type { DischargeDto } from './dto/record.dto';
import type { InfusionSessionDto } from './dto/session.dto';
import { SessionRecordsRepository } from './session-records.repository';
import { sessionSettingsOf } from './session-view';
import { sessionsErrors } from './sessions.errors';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

/**
 * Discharge from recovery: the domain's dischargeCheck on the nurse's Aldrete scores, the check-in
 * baseline (the recheck when there was one), the latest reading since the stop, the last dose and
 * the escort. A check that does not pass is refused with its reasons and writes nothing: nothing
 * overrides it; the patient stays and is checked again.
 */
@Injectable()
export class DischargeService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly records: SessionRecordsRepository,
    private readonly views: SessionsService,
    private readonly audit: AuditRepository,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  async discharge(actor: Actor, meta: RequestMeta, id: string, dto: DischargeDto): Promise<InfusionSessionDto> {
    await this.transactions.withTransaction(async () => {
      const head = await this.records.lock(actor.clinicId, id);
      if (!head) throw sessionsErrors.notFound();
      if (head.version !== dto.version) throw sessionsErrors.stale(head.version);
      const refusal = sessionActionRefusal('discharge', { state: head.state, dischargeAllowed: true });
      if (refusal) throw sessionsErrors.refused(refusal);

      const nowMs = Date.now();
      const row = (await this.sessions.find(actor.clinicId, id))!;
      const clinic = (await this.sessions.clinicSettings(actor.clinicId))!;
      const course = await this.sessions.courseOf(row.courseId);
      const settings = sessionSettingsOf(clinic, await this.sessions.protocolDefinition(course.protocolId));
      const recoveryFrom = (head.stoppedAt ?? head.startedAt)?.getTime() ?? 0;
      const recovery = (await this.sessions.readings([id])).filter((r) => r.takenAt.getTime() >= recoveryFrom);
      const latestVitals = recovery.findLast(
        (r) => r.systolic !== null && r.diastolic !== null && r.heartRate !== null,
      );
      const latestSpo2 = recovery.findLast((r) => r.spo2 !== null);
      const baseline = baselineOf(row.checkInFacts as unknown as StoredCheckInFacts);
      if (!baseline) throw sessionsErrors.dischargeNotAllowed([NO_BASELINE]);
      const aldrete: AldreteScores = {
        ...dto.aldrete,
        // No SpO2 in recovery scores the O2 item 0: the check then asks for a reading.
        oxygenSaturation: latestSpo2 ? aldreteOxygenScore(latestSpo2.spo2!, dto.onRoomAir, settings.discharge) : 0,
      };
      const lastDoseAt = (await this.sessions.lastDoseAt(id)) ?? head.stoppedAt ?? head.startedAt;
      const check = dischargeCheck(
        {
          aldrete,
          baseline,
          latest: latestVitals
            ? {
                systolic: latestVitals.systolic!,
                diastolic: latestVitals.diastolic!,
                heartRate: latestVitals.heartRate!,
              }
            : undefined,
          escortPresent: dto.escortPresent,
          lastDoseAtMs: lastDoseAt?.getTime() ?? nowMs,
          nowMs,
        },
        settings.discharge,
      );
      if (!check.allowed) throw sessionsErrors.dischargeNotAllowed(check.reasons);
      const written = await this.sessions.discharge(id, dto.version, {
        discharge: { aldrete, aldreteTotal: check.aldrete, escortPresent: dto.escortPresent, onRoomAir: dto.onRoomAir },
        dischargedById: actor.id,
        dischargedAt: new Date(nowMs),
        painAfter: dto.painAfter,
      });
      if (!written) throw sessionsErrors.stale(dto.version + 1);
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'UPDATE',
          entity: 'InfusionSession',
          entityId: id,
          patientId: head.patientId,
          fields: ['state', 'discharge', 'painAfter'],
        }),
      );
    });
    return this.views.view(actor.clinicId, id);
  }
}

const NO_BASELINE = {
  code: 'VITALS_MISSING',
  ruleId: 'discharge.vitals-near-baseline',
  message: 'No pre-infusion blood pressure was recorded at check-in to compare with',
};
