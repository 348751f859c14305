import {
  DEFAULT_SCREENING_SETTINGS,
  checkInDecision,
  sessionActions,
  sessionOverdue,
  type CheckInCode,
  type CheckInSettings,
  type DayOfCheck,
  type InfusionSettings,
  type SessionOverdue,
  type SessionState,
  type VitalsReading,
  type WrittenOverride,
} from '@cadence/domain';
import { recheckTasks, type Protocol, type RecheckRequest } from '@cadence/domain';
import { factsView, type StoredCheckInFacts } from './check-in-facts';
import type { DischargeViewDto, InfusionSessionDto, SessionOverdueDto } from './dto/session.dto';
import { dosingSettingsOf, infusionSettingsOf, protocolOverridesOf } from './infusion-settings';
import type { ClinicSettingsRow, SessionContext, SessionRow, StoredReading } from './sessions.repository';

/** The effective infusion settings of a session: the clinic's, then its protocol's. */
export function sessionSettingsOf(clinic: ClinicSettingsRow, protocolDefinition: unknown): InfusionSettings {
  return infusionSettingsOf(clinic.infusionSettings, protocolOverridesOf(protocolDefinition));
}

/** The day-of checks' settings: the clinic's screening limits, infusion and dosing settings. */
export function checkInSettingsOf(clinic: ClinicSettingsRow, infusion: InfusionSettings): CheckInSettings {
  return {
    screening: {
      bpReview: { systolic: clinic.bpReviewSystolic, diastolic: clinic.bpReviewDiastolic },
      bpBlock: { systolic: clinic.bpBlockSystolic, diastolic: clinic.bpBlockDiastolic },
      hrReview: DEFAULT_SCREENING_SETTINGS.hrReview,
    },
    infusion,
    dosing: dosingSettingsOf(clinic.dosingSettings),
  };
}

/** The clinician's written override stored on the session, as the domain reads it. */
export function overrideOf(row: SessionRow): WrittenOverride<CheckInCode> | undefined {
  return row.checkInOverrideById && row.checkInOverrideReason
    ? {
        by: row.checkInOverrideById,
        reason: row.checkInOverrideReason,
        accepts: row.checkInOverrideAccepts as CheckInCode[],
      }
    : undefined;
}

export function toDomainReading(r: StoredReading): VitalsReading {
  const reading: VitalsReading = { atMs: r.takenAt.getTime() };
  for (const sign of ['systolic', 'diastolic', 'heartRate', 'spo2', 'respiratoryRate', 'rass', 'dissociation'] as const)
    if (r[sign] !== null) reading[sign] = r[sign];
  return reading;
}

/** What is overdue for one appointment of the day, with or without its session. */
export function overdueOf(
  input: {
    state: SessionState;
    startsAt: Date;
    endsAt: Date;
    startedAt: Date | null;
    readings: readonly StoredReading[];
    protocolDefinition: unknown;
  },
  settings: InfusionSettings,
  nowMs: number,
): SessionOverdueDto {
  const startedAtMs = input.startedAt?.getTime();
  const overdue = sessionOverdue(
    {
      state: input.state,
      scheduledStartMs: input.startsAt.getTime(),
      scheduledEndMs: input.endsAt.getTime(),
      startedAtMs,
      // Monitoring readings are those since the start; the check-in readings are the baseline.
      readings: input.readings
        .filter((r) => startedAtMs !== undefined && r.takenAt.getTime() >= startedAtMs)
        .map(toDomainReading),
      vitalsIntervalMinutes:
        (input.protocolDefinition as Pick<Protocol, 'vitalsIntervalMinutes'> | null)?.vitalsIntervalMinutes ?? null,
    },
    nowMs,
    settings,
  );
  return overdueDto(overdue);
}

function overdueDto(overdue: SessionOverdue): SessionOverdueDto {
  const dto: SessionOverdueDto = {};
  for (const key of ['checkIn', 'vitals', 'discharge'] as const) {
    const item = overdue[key];
    if (item) dto[key] = { dueAt: new Date(item.dueAtMs).toISOString(), minutesOverdue: item.minutesOverdue };
  }
  return dto;
}

const iso = (at: Date | null) => (at ? at.toISOString() : null);

/** The session screen's view of a session, from its row and what surrounds it. */
export function toSessionDto(
  row: SessionRow,
  context: SessionContext,
  clinic: ClinicSettingsRow,
  readings: readonly StoredReading[],
  addenda: { id: string; authorId: string; text: string; createdAt: Date }[],
  nowMs: number,
  rechecks: readonly RecheckRequest[] = [],
): InfusionSessionDto {
  const { appointment, course, protocol, patient } = context;
  const definition = protocol.definition as Partial<Protocol>;
  const settings = sessionSettingsOf(clinic, protocol.definition);
  const checks = row.checkInChecks as unknown as DayOfCheck[];
  const facts = row.checkInFacts as unknown as StoredCheckInFacts;
  const override = overrideOf(row);
  const decision = checkInDecision(checks, override);
  const state = row.state as SessionState;
  const discharge = row.discharge as unknown as Omit<DischargeViewDto, 'dischargedById' | 'dischargedAt'> | null;
  return {
    id: row.id,
    state,
    version: row.version,
    courseId: row.courseId,
    patient: {
      id: patient.id,
      name: `${patient.givenName} ${patient.familyName}`,
      mrn: patient.mrn,
      dateOfBirth: patient.dateOfBirth.toISOString().slice(0, 10),
    },
    appointment: {
      id: appointment.id,
      startsAt: appointment.startsAt.toISOString(),
      endsAt: appointment.endsAt.toISOString(),
      sessionNumber: appointment.sessionNumber,
      sessionCount: course.sessionCount,
      chairId: appointment.chairId,
      chairName: context.chairName,
      status: appointment.status,
    },
    protocol: {
      id: protocol.id,
      key: protocol.key,
      name: protocol.name,
      route: protocol.route,
      doseRangeMgPerKgPerHour: definition.doseRangeMgPerKgPerHour ?? null,
      doseRangeMgPerKgPerDose: definition.doseRangeMgPerKgPerDose ?? null,
      vitalsIntervalMinutes: definition.vitalsIntervalMinutes ?? null,
    },
    supervisingClinicianId: row.supervisingClinicianId,
    checkedInById: row.checkedInById,
    checkedInAt: row.checkedInAt.toISOString(),
    checkIn: {
      facts: factsView(facts),
      checks,
      decision: { allowed: decision.allowed, standing: decision.standing, accepted: decision.accepted },
      override: override ? { byId: override.by, reason: override.reason, accepts: [...override.accepts] } : null,
      rechecks: recheckTasks(rechecks, facts),
    },
    actions: sessionActions({
      state,
      checkInCleared: row.checkInCleared,
      // The discharge check runs on the nurse's scores when they are submitted: in recovery the action is open.
      dischargeAllowed: true,
    }).map(({ action, refusal }) => ({
      action,
      open: !refusal,
      ...(refusal
        ? {
            refusal: {
              because: refusal.because,
              reason: refusal.reason,
              ...(refusal.because === 'STATE' ? { needs: [...refusal.needs] } : {}),
            },
          }
        : {}),
    })),
    overdue: overdueOf(
      {
        state,
        startsAt: appointment.startsAt,
        endsAt: appointment.endsAt,
        startedAt: row.startedAt,
        readings,
        protocolDefinition: protocol.definition,
      },
      settings,
      nowMs,
    ),
    startedAt: iso(row.startedAt),
    stoppedAt: iso(row.stoppedAt),
    discharge:
      discharge && row.dischargedById && row.dischargedAt
        ? { ...discharge, dischargedById: row.dischargedById, dischargedAt: row.dischargedAt.toISOString() }
        : null,
    painBefore: row.painBefore,
    painAfter: row.painAfter,
    signatures: {
      nurseSignedById: row.nurseSignedById,
      nurseSignedAt: iso(row.nurseSignedAt),
      clinicianSignedById: row.clinicianSignedById,
      clinicianSignedAt: iso(row.clinicianSignedAt),
    },
    addenda: addenda.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
    settings,
  };
}
