import { Injectable } from '@nestjs/common';
import { clinicDateOf, type SessionState } from '@cadence/domain';
import { DateTime } from 'luxon';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import type { InfusionSessionDto } from './dto/session.dto';
import type { TodayDto, TodayItemDto, TodayQueryDto } from './dto/today.dto';
import { overdueOf, sessionSettingsOf, toSessionDto } from './session-view';
import { sessionsErrors } from './sessions.errors';
import { SessionsRepository, type ClinicSettingsRow, type StoredReading } from './sessions.repository';

/** The session's fields a read discloses, for its audit row (names, never values). */
const SESSION_FIELDS = ['state', 'checkInFacts', 'checkInChecks', 'discharge', 'painBefore', 'painAfter', 'signatures'];

/** Reading sessions: one session for its screen, and the nurse's list of the day. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** The session with a READ audit row; 404 for another clinic's session. */
  async get(actor: Actor, meta: RequestMeta, id: string): Promise<InfusionSessionDto> {
    const session = await this.view(actor.clinicId, id);
    await this.audit.record(
      auditEntry(actor, meta, {
        action: 'READ',
        entity: 'InfusionSession',
        entityId: id,
        patientId: session.patient.id,
        fields: SESSION_FIELDS,
      }),
    );
    return session;
  }

  /** The session as the screen shows it, read one table at a time (also inside a write's transaction). */
  async view(clinicId: string, id: string): Promise<InfusionSessionDto> {
    const row = await this.sessions.find(clinicId, id);
    if (!row) throw sessionsErrors.notFound();
    const clinic = await this.clinic(clinicId);
    const context = await this.sessions.context(row);
    const readings = await this.sessions.readings([id]);
    const addenda = await this.sessions.addenda(id);
    const day = (row.checkInFacts as unknown as { today: string }).today;
    const rechecks = await this.sessions.standingRechecks(clinicId, [row.patientId], day);
    return toSessionDto(row, context, clinic, readings, addenda, Date.now(), rechecks.get(row.patientId));
  }

  /**
   * Every appointment of a clinic-local day (booked, no-show or completed, checked in or not) by
   * chair and time, with its state and what is overdue; a SEARCH audit row per patient listed.
   */
  async today(actor: Actor, meta: RequestMeta, query: TodayQueryDto): Promise<TodayDto> {
    const nowMs = Date.now();
    const clinic = await this.clinic(actor.clinicId);
    const date = query.date ?? clinicDateOf(new Date(nowMs).toISOString(), clinic.timezone);
    const start = DateTime.fromISO(date, { zone: clinic.timezone }).startOf('day');
    const appointments = await this.sessions.dayAppointments(
      actor.clinicId,
      start.toJSDate(),
      start.plus({ days: 1 }).toJSDate(),
    );
    const sessions = new Map(
      (await this.sessions.sessionsOf(appointments.map((a) => a.id))).map((s) => [s.appointmentId, s]),
    );
    const sessionIds = [...sessions.values()].map((s) => s.id);
    const readings = groupBy(await this.sessions.readings(sessionIds), (r) => r.sessionId);
    const drafts = await this.sessions.draftAdverseEvents(sessionIds);
    const rechecks = await this.sessions.standingRechecks(
      actor.clinicId,
      [...new Set(appointments.map((a) => a.patientId))],
      date,
    );

    const items: TodayItemDto[] = appointments.map((a) => {
      const session = sessions.get(a.id);
      const state: SessionState = session
        ? session.state
        : a.status === 'NO_SHOW'
          ? 'NO_SHOW'
          : a.status === 'COMPLETED'
            ? 'DISCHARGED'
            : 'EXPECTED';
      const patient = a.course.patient;
      return {
        appointmentId: a.id,
        appointmentVersion: a.version,
        sessionId: session?.id ?? null,
        sessionVersion: session?.version ?? null,
        patientId: a.patientId,
        patientName: `${patient.givenName} ${patient.familyName}`,
        mrn: patient.mrn,
        protocolName: a.course.protocol.name,
        sessionNumber: a.sessionNumber,
        sessionCount: a.course.sessionCount,
        chairId: a.chairId,
        chairName: a.chair?.name ?? null,
        startsAt: a.startsAt.toISOString(),
        endsAt: a.endsAt.toISOString(),
        state,
        overdue: overdueOf(
          {
            state,
            startsAt: a.startsAt,
            endsAt: a.endsAt,
            startedAt: session?.startedAt ?? null,
            readings: (session && readings.get(session.id)) ?? [],
            protocolDefinition: a.course.protocol.definition,
          },
          sessionSettingsOf(clinic, a.course.protocol.definition),
          nowMs,
        ),
        nurseSigned: Boolean(session?.nurseSignedAt),
        coSigned: Boolean(session?.clinicianSignedAt),
        draftAdverseEvents: (session && drafts.get(session.id)) ?? 0,
        rechecks: rechecks.get(a.patientId) ?? [],
      };
    });
    items.sort(byChairThenTime);
    await this.audit.recordMany(
      [...new Set(items.map((i) => i.patientId))].map((patientId) =>
        auditEntry(actor, meta, { action: 'SEARCH', entity: 'InfusionSession', patientId, fields: ['todayList'] }),
      ),
    );
    return { date, items };
  }

  private async clinic(clinicId: string): Promise<ClinicSettingsRow> {
    const clinic = await this.sessions.clinicSettings(clinicId);
    if (!clinic) throw sessionsErrors.notFound();
    return clinic;
  }
}

/** By chair name (appointments without a chair last), then booked start. */
function byChairThenTime(a: TodayItemDto, b: TodayItemDto): number {
  if (a.chairName !== b.chairName) {
    if (a.chairName === null) return 1;
    if (b.chairName === null) return -1;
    return a.chairName.localeCompare(b.chairName, 'en', { numeric: true });
  }
  return a.startsAt.localeCompare(b.startsAt);
}

function groupBy(readings: StoredReading[], key: (r: StoredReading) => string): Map<string, StoredReading[]> {
  const groups = new Map<string, StoredReading[]>();
  for (const r of readings) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return groups;
}
