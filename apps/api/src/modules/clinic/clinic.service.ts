import { Injectable } from '@nestjs/common';
import { localDatesSpan, strandedByClosure } from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { auditEntry } from '../audit/audit-entry';
import type {
  AffectedAppointmentDto,
  ChairDto,
  ClinicDto,
  ClosureDto,
  CreateChairDto,
  CreateClosureDto,
  CreatedClosureDto,
  CreateNurseShiftDto,
  NurseShiftDto,
  ReplaceOpeningHoursDto,
  UpdateChairDto,
  UpdateClinicDto,
  UpdatedChairDto,
} from './dto/clinic.dto';
import { type AffectedRecord, ClinicRepository, type ClinicSettings } from './clinic.repository';

const dateOf = (d: Date) => d.toISOString().slice(0, 10);
const MAX_CLOSURE_DAYS = 366;
/** Minutes after local midnight of a validated HH:MM (24:00 allowed). */
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Clinic capacity settings: what the slot search reads as opening hours, closures, nurses and chairs. */
@Injectable()
export class ClinicService {
  constructor(private readonly clinics: ClinicRepository) {}

  async get(actor: Actor): Promise<ClinicDto> {
    const clinic = await this.clinics.read(actor.clinicId);
    if (!clinic) throw new DomainError('NOT_FOUND', 'No such clinic.');
    return {
      id: clinic.id,
      name: clinic.name,
      timezone: clinic.timezone,
      maxInfusionsPerNurse: clinic.maxInfusionsPerNurse,
      bpReviewSystolic: clinic.bpReviewSystolic,
      bpReviewDiastolic: clinic.bpReviewDiastolic,
      bpBlockSystolic: clinic.bpBlockSystolic,
      bpBlockDiastolic: clinic.bpBlockDiastolic,
      screeningValidityDays: clinic.screeningValidityDays,
      openingHours: clinic.hours.map(({ weekday, opensAt, closesAt }) => ({ weekday, opensAt, closesAt })),
      closures: clinic.closures.map(toClosureDto),
      nurseShifts: clinic.nurseShifts.map(toNurseShiftDto),
      chairs: clinic.chairs,
    };
  }

  async updateSettings(actor: Actor, meta: RequestMeta, dto: UpdateClinicDto): Promise<ClinicDto> {
    const current = await this.clinics.settings(actor.clinicId);
    if (!current) throw new DomainError('NOT_FOUND', 'No such clinic.');
    const changes = Object.fromEntries(
      Object.entries(dto).filter(
        ([field, value]) => value !== undefined && value !== current[field as keyof ClinicSettings],
      ),
    ) as Partial<ClinicSettings>;
    const next = { ...current, ...changes };
    const errors: FieldError[] = [];
    if (next.bpReviewSystolic >= next.bpBlockSystolic) {
      errors.push({
        field: 'bpReviewSystolic',
        rule: 'belowBlock',
        message: 'bpReviewSystolic must be below bpBlockSystolic',
      });
    }
    if (next.bpReviewDiastolic >= next.bpBlockDiastolic) {
      errors.push({
        field: 'bpReviewDiastolic',
        rule: 'belowBlock',
        message: 'bpReviewDiastolic must be below bpBlockDiastolic',
      });
    }
    if (errors.length) throw new DomainError('VALIDATION_FAILED', 'Review limits must be below block limits.', errors);
    const fields = Object.keys(changes).sort();
    if (fields.length === 0) {
      throw new DomainError('VALIDATION_FAILED', 'The update changes nothing.', [
        { field: 'body', rule: 'atLeastOneChange', message: 'name at least one setting with a new value' },
      ]);
    }
    await this.clinics.updateSettings(
      actor.clinicId,
      changes,
      auditEntry(actor, meta, { action: 'UPDATE', entity: 'Clinic', entityId: actor.clinicId, fields }),
    );
    return this.get(actor);
  }

  async replaceOpeningHours(actor: Actor, meta: RequestMeta, dto: ReplaceOpeningHoursDto): Promise<ClinicDto> {
    const errors: FieldError[] = [];
    dto.windows.forEach((w, i) => {
      if (minutes(w.closesAt) <= minutes(w.opensAt)) {
        errors.push({
          field: `windows[${i}].closesAt`,
          rule: 'afterOpening',
          message: 'closesAt must be after opensAt',
        });
      }
    });
    // Windows on one weekday must not overlap (touching is fine: the domain joins them).
    for (let weekday = 1; weekday <= 7; weekday++) {
      const today = dto.windows
        .map((w, i) => ({ w, i }))
        .filter(({ w }) => w.weekday === weekday)
        .sort((a, b) => minutes(a.w.opensAt) - minutes(b.w.opensAt));
      for (let j = 1; j < today.length; j++) {
        if (minutes(today[j].w.opensAt) < minutes(today[j - 1].w.closesAt)) {
          errors.push({
            field: `windows[${today[j].i}]`,
            rule: 'noOverlap',
            message: 'opening windows on one weekday must not overlap',
          });
        }
      }
    }
    if (errors.length) throw new DomainError('VALIDATION_FAILED', 'The opening hours are not consistent.', errors);
    await this.clinics.replaceOpeningHours(
      actor.clinicId,
      dto.windows.map(({ weekday, opensAt, closesAt }) => ({ weekday, opensAt, closesAt })),
      auditEntry(actor, meta, {
        action: 'UPDATE',
        entity: 'OpeningHours',
        entityId: actor.clinicId,
        fields: ['windows'],
      }),
    );
    return this.get(actor);
  }

  /**
   * Adds a closure even when bookings fall on it (a clinic may close for an emergency) and names
   * the booked chair sessions it strands, so the admin knows whom to call.
   */
  async addClosure(actor: Actor, meta: RequestMeta, dto: CreateClosureDto): Promise<CreatedClosureDto> {
    if (dto.endsOn < dto.startsOn) {
      throw new DomainError('VALIDATION_FAILED', 'A closure ends on or after the day it starts.', [
        { field: 'endsOn', rule: 'onOrAfterStart', message: 'endsOn must be on or after startsOn' },
      ]);
    }
    const days = (Date.parse(dto.endsOn) - Date.parse(dto.startsOn)) / 86_400_000 + 1;
    if (days > MAX_CLOSURE_DAYS) {
      throw new DomainError('VALIDATION_FAILED', 'A closure lasts at most a year.', [
        { field: 'endsOn', rule: 'maxSpan', message: `a closure lasts at most ${MAX_CLOSURE_DAYS} days` },
      ]);
    }
    const settings = await this.clinics.settings(actor.clinicId);
    if (!settings) throw new DomainError('NOT_FOUND', 'No such clinic.');
    const span = localDatesSpan(dto.startsOn, dto.endsOn, settings.timezone);
    const created = await this.clinics.addClosure(actor.clinicId, dto, (id) =>
      auditEntry(actor, meta, {
        action: 'CREATE',
        entity: 'Closure',
        entityId: id,
        fields: ['endsOn', 'reason', 'startsOn'],
      }),
    );
    const candidates = await this.clinics.liveAppointmentsOverlapping(actor.clinicId, {
      start: new Date(span.start),
      end: new Date(span.end),
    });
    const stranded = strandedByClosure(
      candidates.map((record) => ({
        record,
        start: record.startsAt.toISOString(),
        end: record.endsAt.toISOString(),
        resourceKind: record.chair?.kind ?? null,
      })),
      { from: dto.startsOn, to: dto.endsOn },
      settings.timezone,
    );
    return { ...toClosureDto(created), affectedAppointments: stranded.map(({ record }) => toAffectedDto(record)) };
  }

  async deleteClosure(actor: Actor, meta: RequestMeta, id: string): Promise<void> {
    const deleted = await this.clinics.deleteClosure(
      actor.clinicId,
      id,
      auditEntry(actor, meta, { action: 'DELETE', entity: 'Closure', entityId: id }),
    );
    if (!deleted) throw new DomainError('NOT_FOUND', 'No such closure in this clinic.');
  }

  async addNurseShift(actor: Actor, meta: RequestMeta, dto: CreateNurseShiftDto): Promise<NurseShiftDto> {
    const errors: FieldError[] = [];
    if ((dto.weekday === undefined) === (dto.date === undefined)) {
      errors.push({
        field: 'weekday',
        rule: 'weekdayOrDate',
        message: 'give either weekday (a weekly rota row) or date (a one-off shift)',
      });
    }
    if (minutes(dto.endsAt) <= minutes(dto.startsAt)) {
      errors.push({ field: 'endsAt', rule: 'afterStart', message: 'endsAt must be after startsAt' });
    }
    if (errors.length) throw new DomainError('VALIDATION_FAILED', 'The shift is not consistent.', errors);
    const created = await this.clinics.addNurseShift(
      actor.clinicId,
      {
        weekday: dto.weekday ?? null,
        date: dto.date ?? null,
        startsAt: dto.startsAt,
        endsAt: dto.endsAt,
        nurses: dto.nurses,
      },
      (id) =>
        auditEntry(actor, meta, {
          action: 'CREATE',
          entity: 'NurseShift',
          entityId: id,
          fields: Object.keys(dto).sort(),
        }),
    );
    return toNurseShiftDto(created);
  }

  async deleteNurseShift(actor: Actor, meta: RequestMeta, id: string): Promise<void> {
    const deleted = await this.clinics.deleteNurseShift(
      actor.clinicId,
      id,
      auditEntry(actor, meta, { action: 'DELETE', entity: 'NurseShift', entityId: id }),
    );
    if (!deleted) throw new DomainError('NOT_FOUND', 'No such nurse shift in this clinic.');
  }

  async addChair(actor: Actor, meta: RequestMeta, dto: CreateChairDto): Promise<ChairDto> {
    const created = await this.clinics.addChair(actor.clinicId, { name: dto.name.trim(), kind: dto.kind }, (id) =>
      auditEntry(actor, meta, { action: 'CREATE', entity: 'Chair', entityId: id, fields: ['kind', 'name'] }),
    );
    if (!created) throw nameTaken();
    return created;
  }

  /** Taking a chair out of service keeps its bookings; the answer names those not yet started. */
  async updateChair(actor: Actor, meta: RequestMeta, id: string, dto: UpdateChairDto): Promise<UpdatedChairDto> {
    const changes = {
      ...(dto.name !== undefined ? { name: dto.name.trim() } : {}),
      ...(dto.active !== undefined ? { active: dto.active } : {}),
    };
    const fields = Object.keys(changes).sort();
    if (fields.length === 0) {
      throw new DomainError('VALIDATION_FAILED', 'The update changes nothing.', [
        { field: 'body', rule: 'atLeastOneChange', message: 'give name or active' },
      ]);
    }
    const result = await this.clinics.updateChair(
      actor.clinicId,
      id,
      changes,
      auditEntry(actor, meta, { action: 'UPDATE', entity: 'Chair', entityId: id, fields }),
    );
    if (result === 'NOT_FOUND') throw new DomainError('NOT_FOUND', 'No such chair in this clinic.');
    if (result === 'NAME_TAKEN') throw nameTaken();
    const affected =
      dto.active === false ? await this.clinics.liveAppointmentsOnChair(actor.clinicId, id, new Date()) : [];
    return { ...result, affectedAppointments: affected.map(toAffectedDto) };
  }
}

function nameTaken() {
  return new DomainError('NAME_TAKEN', 'Another chair or bed in this clinic has this name.', [
    { field: 'name', rule: 'unique', message: 'name is already used in this clinic' },
  ]);
}

function toClosureDto(c: { id: string; startsOn: Date; endsOn: Date; reason: string }): ClosureDto {
  return { id: c.id, startsOn: dateOf(c.startsOn), endsOn: dateOf(c.endsOn), reason: c.reason };
}

function toAffectedDto(a: AffectedRecord): AffectedAppointmentDto {
  return {
    id: a.id,
    patientId: a.patientId,
    patientName: `${a.patient.givenName} ${a.patient.familyName}`,
    mrn: a.patient.mrn,
    chairName: a.chair?.name ?? '',
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    sessionNumber: a.sessionNumber,
    sessionCount: a.course.sessionCount,
  };
}

function toNurseShiftDto(s: {
  id: string;
  weekday: number | null;
  date: Date | null;
  startsAt: string;
  endsAt: string;
  nurses: number;
}): NurseShiftDto {
  return {
    id: s.id,
    weekday: s.weekday,
    date: s.date ? dateOf(s.date) : null,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    nurses: s.nurses,
  };
}
