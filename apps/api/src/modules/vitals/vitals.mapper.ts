import type { VitalsReading } from '@cadence/domain';
import type { VitalsAlertDto, VitalsReadingDto } from './dto/vitals.dto';
import { SIGN_COLUMNS, type ReadingRow } from './vitals.sql';

/** A stored reading as the flowsheet shows it: instants in UTC ISO form, the void as one member. */
export function toReadingDto(row: ReadingRow): VitalsReadingDto {
  return {
    id: row.id,
    sessionId: row.sessionId,
    takenAt: new Date(row.takenAt).toISOString(),
    systolic: row.systolic,
    diastolic: row.diastolic,
    heartRate: row.heartRate,
    spo2: row.spo2,
    respiratoryRate: row.respiratoryRate,
    rass: row.rass,
    dissociation: row.dissociation,
    alerts: row.alerts as VitalsAlertDto[],
    recordedById: row.recordedById,
    recordedAt: new Date(row.recordedAt).toISOString(),
    voided:
      row.voidedAt && row.voidedById && row.voidReason
        ? { at: new Date(row.voidedAt).toISOString(), byId: row.voidedById, reason: row.voidReason }
        : null,
  };
}

/** A stored reading as the domain reads it (signs not taken are absent). */
export function toDomainReading(row: ReadingRow): VitalsReading {
  const reading: VitalsReading = { atMs: new Date(row.takenAt).getTime() };
  for (const sign of SIGN_COLUMNS) {
    const value = row[sign];
    if (value !== null) reading[sign] = value;
  }
  return reading;
}
