import { Inject, Injectable } from '@nestjs/common';
import {
  adverseEventDrafts,
  sessionActionRefusal,
  VITAL_SIGNS,
  vitalsAlerts,
  vitalsDue,
  vitalsReadingProblems,
  type VitalsAlert,
  type VitalsReading,
} from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import type { LiveSessionCheck } from '../../common/auth/live-session';
import { SessionChecks } from '../../common/auth/session-checks';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import { infusionSettingsOf, protocolOverridesOf } from '../sessions/infusion-settings';
import { SessionRecordsRepository } from '../sessions/session-records.repository';
import type { FlowsheetDto, RecordedVitalsDto, RecordVitalsDto, VitalsReadingDto } from './dto/vitals.dto';
import { vitalsErrors } from './vitals.errors';
import { toDomainReading, toReadingDto } from './vitals.mapper';
import { VitalsRepository } from './vitals.repository';
import type { NewReading, ReadingRow, ReadingWithDraftsRow, SessionContextRow, SignColumn } from './vitals.sql';

const MINUTE = 60_000;

/** A reading's write: `created` false when it is a retry answered with the stored row. */
export interface RecordedVitals {
  created: boolean;
  reading: RecordedVitalsDto;
}

@Injectable()
export class VitalsService {
  constructor(
    private readonly vitals: VitalsRepository,
    private readonly sessions: SessionRecordsRepository,
    private readonly audit: AuditRepository,
    private readonly sessionChecks: SessionChecks,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  /**
   * Stores a reading with the alerts it raises and the adverse events they draft. Two tablets
   * writing at once are both kept (no row lock FOR UPDATE); a retry with the same id and content is
   * answered with the stored row, a different reading under that id is refused.
   */
  async record(
    actor: Actor,
    meta: RequestMeta,
    sessionId: string,
    dto: RecordVitalsDto,
    live?: LiveSessionCheck,
  ): Promise<RecordedVitals> {
    const signs = signsOf(dto);
    const reading: VitalsReading = { atMs: Date.parse(dto.takenAt), ...signs };
    const problems = vitalsReadingProblems(reading, Date.now());
    if (problems.length)
      throw vitalsErrors.invalid(
        problems.map((p) => {
          const field = p.field === 'atMs' ? 'takenAt' : p.field;
          return { field, rule: p.rule, message: `${field} ${p.problem}` };
        }),
      );
    const takenAt = new Date(reading.atMs);

    const context = await this.vitals.beforeReading(actor.clinicId, sessionId, dto.id, takenAt, live);
    if (!context) {
      await this.sessionChecks.confirm(live);
      throw vitalsErrors.sessionNotFound();
    }
    if (context.existing) return this.retried(context.existing, sessionId, takenAt, signs);
    this.refuseUnlessOpen(context);

    const settings = sessionSettings(context);
    const alerts = vitalsAlerts(reading, context.previous ? toDomainReading(context.previous) : undefined, settings);
    const entry: NewReading = {
      id: dto.id,
      sessionId,
      takenAt,
      signs,
      alerts,
      recordedById: actor.id,
      drafts: adverseEventDrafts(alerts).map((d) => ({
        term: d.term,
        grade: d.grade ?? null,
        description: d.description ?? null,
      })),
    };
    const fields = ['takenAt', ...VITAL_SIGNS.filter((sign) => signs[sign] !== undefined)];
    const result = await this.vitals.insert(
      actor.clinicId,
      entry,
      auditEntry(actor, meta, { action: 'CREATE', entity: 'VitalsReading', fields }),
      context.patientId,
    );
    if (result === 'SIGNED') throw vitalsErrors.signed();
    if (result.reading)
      return {
        created: true,
        reading: { ...toReadingDto(result.reading), draftAdverseEventIds: result.reading.draftAdverseEventIds },
      };

    // Nothing was inserted: the session closed meanwhile, or a retry raced its first attempt.
    const now = await this.vitals.beforeReading(actor.clinicId, sessionId, dto.id, takenAt);
    if (!now) throw vitalsErrors.sessionNotFound();
    if (now.existing) return this.retried(now.existing, sessionId, takenAt, signs);
    this.refuseUnlessOpen(now);
    throw vitalsErrors.signed();
  }

  /** The flowsheet: every reading, the alerts of those not voided, when the next are due, the limits in force. */
  async flowsheet(actor: Actor, meta: RequestMeta, sessionId: string, live?: LiveSessionCheck): Promise<FlowsheetDto> {
    const row = await this.vitals.flowsheet(
      actor.clinicId,
      sessionId,
      auditEntry(actor, meta, { action: 'READ', entity: 'InfusionSession', fields: ['readings'] }),
      live,
    );
    if (!row) {
      await this.sessionChecks.confirm(live);
      throw vitalsErrors.sessionNotFound();
    }
    const settings = sessionSettings(row);
    const readings = row.readings.map(toReadingDto);
    const standing = row.readings.filter((r) => r.voidedAt === null);
    const alerts = standing
      .flatMap((r) =>
        (r.alerts as VitalsAlert[]).map((alert) => ({ ...alert, readingId: r.id, takenAt: iso(r.takenAt) })),
      )
      .sort((a, b) => Date.parse(b.takenAt) - Date.parse(a.takenAt));
    return {
      sessionId: row.id,
      state: row.state,
      startedAt: row.startedAt ? new Date(row.startedAt).toISOString() : null,
      readings,
      alerts,
      due: dueOf(row, standing, settings),
      intervalMinutes: settings.vitalsIntervalMinutes,
      recheckMinutes: settings.recheckMinutes,
      graceMinutes: settings.vitalsGraceMinutes,
      thresholds: { ...settings.thresholds },
    };
  }

  /** Marks a reading entered in error, once, with a reason: it stays on the flowsheet, struck through. */
  async void(
    actor: Actor,
    meta: RequestMeta,
    sessionId: string,
    readingId: string,
    reason: string,
  ): Promise<VitalsReadingDto> {
    const reading = await this.transactions.withTransaction(async () => {
      const session = await this.sessions.head(actor.clinicId, sessionId);
      if (!session) throw vitalsErrors.sessionNotFound();
      if (session.nurseSignedAt) throw vitalsErrors.signed();
      const write = await this.vitals.markVoided(sessionId, readingId, actor.id, reason.trim());
      switch (write) {
        case 'VOIDED':
          break;
        case 'NOT_FOUND':
          throw vitalsErrors.readingNotFound();
        case 'ALREADY_VOIDED':
          throw vitalsErrors.alreadyVoided();
        case 'SIGNED':
          throw vitalsErrors.signed();
        default: {
          const unreachable: never = write;
          throw new Error(`Unhandled void ${String(unreachable)}`);
        }
      }
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'UPDATE',
          entity: 'VitalsReading',
          entityId: readingId,
          patientId: session.patientId,
          fields: ['voidedAt', 'voidedById', 'voidReason'],
        }),
      );
      return this.vitals.reading(sessionId, readingId);
    });
    if (!reading) throw vitalsErrors.readingNotFound();
    return toReadingDto(reading);
  }

  private refuseUnlessOpen(context: SessionContextRow) {
    const refusal = sessionActionRefusal('record_vitals', { state: context.state });
    if (refusal) throw vitalsErrors.notOpen(refusal);
    if (context.nurseSignedAt) throw vitalsErrors.signed();
  }

  /** A retry: the stored row when it is the same reading, else the id is taken. */
  private retried(
    stored: ReadingWithDraftsRow,
    sessionId: string,
    takenAt: Date,
    signs: Partial<Record<SignColumn, number>>,
  ): RecordedVitals {
    const same =
      stored.sessionId === sessionId &&
      Date.parse(stored.takenAt) === takenAt.getTime() &&
      VITAL_SIGNS.every((sign) => (stored[sign] ?? undefined) === signs[sign]);
    if (!same) throw vitalsErrors.idTaken();
    return { created: false, reading: { ...toReadingDto(stored), draftAdverseEventIds: stored.draftAdverseEventIds } };
  }
}

/** The signs entered; a null is the same as leaving the sign out. */
function signsOf(dto: RecordVitalsDto): Partial<Record<SignColumn, number>> {
  const signs: Partial<Record<SignColumn, number>> = {};
  for (const sign of VITAL_SIGNS) {
    const value = dto[sign];
    if (value !== undefined && value !== null) signs[sign] = value;
  }
  return signs;
}

function dueOf(
  session: SessionContextRow,
  standing: readonly ReadingRow[],
  settings: ReturnType<typeof infusionSettingsOf>,
): FlowsheetDto['due'] {
  if (session.startedAt === null || (session.state !== 'INFUSING' && session.state !== 'IN_RECOVERY')) return null;
  const startedAtMs = new Date(session.startedAt).getTime();
  const nowMs = Date.now();
  // Readings before the start are the baseline, not monitoring.
  const readings = standing.map(toDomainReading).filter((r) => r.atMs >= startedAtMs);
  const due = vitalsDue({ startedAtMs, readings, intervalMinutes: settings.vitalsIntervalMinutes }, nowMs, settings);
  return {
    dueAt: new Date(due.dueAtMs).toISOString(),
    overdue: due.overdue,
    minutesOverdue: due.overdue ? Math.floor((nowMs - due.dueAtMs) / MINUTE) : 0,
  };
}

const iso = (value: string) => new Date(value).toISOString();

/** The clinic's settings with the session's protocol's overrides over them: the same limits the session screen shows. */
function sessionSettings(
  context: Pick<SessionContextRow, 'clinicSettings' | 'protocolIntervalMinutes' | 'protocolOverrides'>,
) {
  return infusionSettingsOf(
    context.clinicSettings,
    protocolOverridesOf({
      vitalsIntervalMinutes: context.protocolIntervalMinutes,
      infusionOverrides: context.protocolOverrides ?? undefined,
    }),
  );
}
