import { Inject, Injectable } from '@nestjs/common';
import {
  closureProblems,
  clinicSettingsProblems,
  localDatesSpan,
  nurseShiftProblems,
  openingHoursProblems,
  overNurseRatio,
  strandedByClosure,
  WEEKDAY_NAMES,
  type ClinicDateFormat,
} from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import type {
  AffectedAppointmentDto,
  BookingToMoveDto,
  ChairDto,
  ClinicDto,
  ClosureDto,
  ClosurePreviewDto,
  CreateChairDto,
  CreateClosureDto,
  CreatedClosureDto,
  CreatedNurseShiftDto,
  CreateNurseShiftDto,
  NurseShiftDto,
  RemovedNurseShiftDto,
  ReplaceOpeningHoursDto,
  UpdateChairDto,
  UpdateClinicDto,
  UpdatedChairDto,
  UpdatedClinicDto,
} from './dto/clinic.dto';
import { BookingsToMove, toCapacityRules, toSession } from './bookings-to-move';
import { clinicErrors } from './clinic.errors';
import {
  type BookingRecord,
  ClinicRepository,
  type ClinicSettings,
  dateOf,
  type PatientBookingRecord,
} from './clinic.repository';

/** Settings whose change can leave bookings over the nurse ratio. */
const RATIO_FIELDS: readonly (keyof ClinicSettings)[] = ['maxInfusionsPerNurse', 'timezone'];

/**
 * Clinic capacity settings: what the slot search reads as opening hours, closures, nurses and
 * chairs. A change is stored even when bookings stand in its way (a clinic may lose a nurse or close
 * for an emergency); the answer lists those bookings, without patient data, and the front desk
 * sees whom to call in bookingsToMove.
 */
@Injectable()
export class ClinicService {
  constructor(
    private readonly clinics: ClinicRepository,
    private readonly audit: AuditRepository,
    private readonly toMove: BookingsToMove,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  async get(actor: Actor): Promise<ClinicDto> {
    const clinic = await this.clinics.read(actor.clinicId);
    if (!clinic) throw clinicErrors.clinicNotFound();
    return {
      id: clinic.id,
      name: clinic.name,
      address: clinic.address,
      version: clinic.version,
      timezone: clinic.timezone,
      maxInfusionsPerNurse: clinic.maxInfusionsPerNurse,
      bpReviewSystolic: clinic.bpReviewSystolic,
      bpReviewDiastolic: clinic.bpReviewDiastolic,
      bpBlockSystolic: clinic.bpBlockSystolic,
      bpBlockDiastolic: clinic.bpBlockDiastolic,
      screeningValidityDays: clinic.screeningValidityDays,
      dateFormat: clinic.dateFormat as ClinicDateFormat,
      boosterDueWithinDays: clinic.boosterDueWithinDays,
      boosterNoticeDays: clinic.boosterNoticeDays,
      openingHours: clinic.hours.map(({ weekday, opensAt, closesAt }) => ({ weekday, opensAt, closesAt })),
      closures: clinic.closures.map(toClosureDto),
      nurseShifts: clinic.nurseShifts.map(toNurseShiftDto),
      chairs: clinic.chairs,
    };
  }

  async updateSettings(actor: Actor, meta: RequestMeta, dto: UpdateClinicDto): Promise<UpdatedClinicDto> {
    return this.transactions.withTransaction(async () => {
      await this.clinics.lockCapacity(actor.clinicId);
      const stored = await this.clinics.settings(actor.clinicId);
      if (!stored) throw clinicErrors.clinicNotFound();
      const { version: currentVersion, ...current } = stored;
      // An edit made on an older version would overwrite a change its author never saw.
      const { version = currentVersion, ...sent } = dto;
      const edit = sent.address ? { ...sent, address: oneLine(sent.address) } : sent;
      if (version !== currentVersion) throw clinicErrors.staleVersion(currentVersion);
      const changes = Object.fromEntries(
        Object.entries(edit).filter(
          ([field, value]) => value !== undefined && value !== current[field as keyof ClinicSettings],
        ),
      ) as Partial<ClinicSettings>;
      const problems = clinicSettingsProblems({ ...current, ...changes });
      if (problems.length) throw clinicErrors.invalid('Review limits must be below block limits.', problems);
      const fields = Object.keys(changes).sort();
      if (fields.length === 0) throw clinicErrors.nothingToChange('name at least one setting with a new value');
      // The lock above serialises edits, so the version cannot have moved since it was read.
      if (!(await this.clinics.updateSettings(actor.clinicId, currentVersion, changes)))
        throw clinicErrors.staleVersion(currentVersion + 1);
      await this.audit.record(
        auditEntry(actor, meta, { action: 'UPDATE', entity: 'Clinic', entityId: actor.clinicId, fields }),
      );
      const ratioChanged = RATIO_FIELDS.some((field) => field in changes);
      return {
        ...(await this.get(actor)),
        overNurseRatio: ratioChanged ? await this.overNurseRatio(actor.clinicId) : [],
      };
    });
  }

  async replaceOpeningHours(actor: Actor, meta: RequestMeta, dto: ReplaceOpeningHoursDto): Promise<ClinicDto> {
    const problems = openingHoursProblems(dto.windows);
    if (problems.length) {
      throw clinicErrors.invalid(
        `The opening hours of ${daysNamed(dto.windows, problems)} are not consistent.`,
        problems,
      );
    }
    return this.transactions.withTransaction(async () => {
      await this.clinics.replaceOpeningHours(
        actor.clinicId,
        dto.windows.map(({ weekday, opensAt, closesAt }) => ({ weekday, opensAt, closesAt })),
      );
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'UPDATE',
          entity: 'OpeningHours',
          entityId: actor.clinicId,
          fields: ['windows'],
        }),
      );
      return this.get(actor);
    });
  }

  /**
   * The booked chair sessions a proposed closure would strand, exactly as adding it would list
   * them; nothing is written. Times and chairs only: admins are not given patients.
   */
  async previewClosure(actor: Actor, dto: CreateClosureDto): Promise<ClosurePreviewDto> {
    assertClosure(dto);
    return { affectedAppointments: await this.strandedBy(actor.clinicId, dto) };
  }

  /** Adds a closure even when bookings fall on it and lists the booked chair sessions it strands. */
  async addClosure(actor: Actor, meta: RequestMeta, dto: CreateClosureDto): Promise<CreatedClosureDto> {
    assertClosure(dto);
    return this.transactions.withTransaction(async () => {
      const affectedAppointments = await this.strandedBy(actor.clinicId, dto);
      const created = await this.clinics.addClosure(actor.clinicId, dto);
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'CREATE',
          entity: 'Closure',
          entityId: created.id,
          fields: ['endsOn', 'reason', 'startsOn'],
        }),
      );
      return { ...toClosureDto(created), affectedAppointments };
    });
  }

  /** The clinic's booked chair sessions on, or running into, the closure's clinic-local dates. */
  private async strandedBy(
    clinicId: string,
    closure: Pick<CreateClosureDto, 'startsOn' | 'endsOn'>,
  ): Promise<AffectedAppointmentDto[]> {
    const settings = await this.clinics.settings(clinicId);
    if (!settings) throw clinicErrors.clinicNotFound();
    const span = localDatesSpan(closure.startsOn, closure.endsOn, settings.timezone);
    const candidates = await this.clinics.bookedOverlapping(clinicId, {
      start: new Date(span.start),
      end: new Date(span.end),
    });
    return strandedByClosure(
      candidates.map(toSession),
      { from: closure.startsOn, to: closure.endsOn },
      settings.timezone,
    ).map(({ record }) => toAffectedDto(record));
  }

  async deleteClosure(actor: Actor, meta: RequestMeta, id: string): Promise<void> {
    await this.transactions.withTransaction(async () => {
      if (!(await this.clinics.deleteClosure(actor.clinicId, id))) throw clinicErrors.closureNotFound();
      await this.audit.record(auditEntry(actor, meta, { action: 'DELETE', entity: 'Closure', entityId: id }));
    });
  }

  /** A dated shift replaces the rota for its day, so adding one can leave bookings over the ratio. */
  async addNurseShift(actor: Actor, meta: RequestMeta, dto: CreateNurseShiftDto): Promise<CreatedNurseShiftDto> {
    const shift = {
      weekday: dto.weekday ?? null,
      date: dto.date ?? null,
      startsAt: dto.startsAt,
      endsAt: dto.endsAt,
      nurses: dto.nurses,
    };
    const problems = nurseShiftProblems(shift);
    if (problems.length) throw clinicErrors.invalid('The shift is not consistent.', problems);
    return this.transactions.withTransaction(async () => {
      await this.clinics.lockCapacity(actor.clinicId);
      const created = await this.clinics.addNurseShift(actor.clinicId, shift);
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'CREATE',
          entity: 'NurseShift',
          entityId: created.id,
          fields: Object.keys(dto).sort(),
        }),
      );
      return { ...toNurseShiftDto(created), overNurseRatio: await this.overNurseRatio(actor.clinicId) };
    });
  }

  async deleteNurseShift(actor: Actor, meta: RequestMeta, id: string): Promise<RemovedNurseShiftDto> {
    return this.transactions.withTransaction(async () => {
      await this.clinics.lockCapacity(actor.clinicId);
      if (!(await this.clinics.deleteNurseShift(actor.clinicId, id))) throw clinicErrors.nurseShiftNotFound();
      await this.audit.record(auditEntry(actor, meta, { action: 'DELETE', entity: 'NurseShift', entityId: id }));
      return { overNurseRatio: await this.overNurseRatio(actor.clinicId) };
    });
  }

  async addChair(actor: Actor, meta: RequestMeta, dto: CreateChairDto): Promise<ChairDto> {
    return this.transactions.withTransaction(async () => {
      const created = await this.clinics.addChair(actor.clinicId, { name: dto.name.trim(), kind: dto.kind });
      if (!created) throw clinicErrors.chairNameTaken();
      await this.audit.record(
        auditEntry(actor, meta, { action: 'CREATE', entity: 'Chair', entityId: created.id, fields: ['kind', 'name'] }),
      );
      return created;
    });
  }

  /** Taking a chair out of service keeps its bookings; the answer lists those not yet started. */
  async updateChair(actor: Actor, meta: RequestMeta, id: string, dto: UpdateChairDto): Promise<UpdatedChairDto> {
    const changes = {
      ...(dto.name !== undefined ? { name: dto.name.trim() } : {}),
      ...(dto.active !== undefined ? { active: dto.active } : {}),
    };
    const fields = Object.keys(changes).sort();
    if (fields.length === 0) throw clinicErrors.nothingToChange('give name or active');
    return this.transactions.withTransaction(async () => {
      const result = await this.clinics.updateChair(actor.clinicId, id, changes);
      if (result === 'NOT_FOUND') throw clinicErrors.chairNotFound();
      if (result === 'NAME_TAKEN') throw clinicErrors.chairNameTaken();
      await this.audit.record(auditEntry(actor, meta, { action: 'UPDATE', entity: 'Chair', entityId: id, fields }));
      const affected = dto.active === false ? await this.clinics.bookedOnChair(actor.clinicId, id, new Date()) : [];
      return { ...result, affectedAppointments: affected.map(toAffectedDto) };
    });
  }

  /**
   * The front desk's list of bookings (running or to come) that capacity changes have left on a
   * closed day, a chair out of service or over the nurse ratio, with whom to call. Each patient
   * named is a read of that patient's data, so each gets an audit row.
   */
  async bookingsToMove(actor: Actor, meta: RequestMeta): Promise<BookingToMoveDto[]> {
    return this.transactions.withTransaction(async () => {
      const booked = await this.clinics.bookedFromWithPatients(actor.clinicId, new Date());
      const toMove = await this.toMove.among(actor.clinicId, booked);
      const patients = [...new Set(toMove.map(({ record }) => record.patientId))];
      for (const patientId of patients) {
        await this.audit.record(
          auditEntry(actor, meta, {
            action: 'READ',
            entity: 'Patient',
            entityId: patientId,
            patientId,
            fields: ['familyName', 'givenName', 'mrn'],
          }),
        );
      }
      return toMove.map(({ record, reasons }) => toBookingToMoveDto(record, reasons));
    });
  }

  /** The clinic's running and coming bookings that stand over the nurse ratio now. */
  private async overNurseRatio(clinicId: string): Promise<AffectedAppointmentDto[]> {
    const capacity = await this.clinics.capacity(clinicId);
    if (!capacity) throw clinicErrors.clinicNotFound();
    const booked = await this.clinics.bookedFrom(clinicId, new Date());
    return overNurseRatio(booked.map(toSession), toCapacityRules(capacity)).map(({ record }) => toAffectedDto(record));
  }
}

function toClosureDto(c: { id: string; startsOn: Date; endsOn: Date; reason: string }): ClosureDto {
  return { id: c.id, startsOn: dateOf(c.startsOn), endsOn: dateOf(c.endsOn), reason: c.reason };
}

function toAffectedDto(a: BookingRecord): AffectedAppointmentDto {
  return {
    id: a.id,
    chairName: a.chair?.name ?? '',
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    sessionNumber: a.sessionNumber,
    sessionCount: a.course.sessionCount,
  };
}

function toBookingToMoveDto(a: PatientBookingRecord, reasons: BookingToMoveDto['reasons']): BookingToMoveDto {
  return {
    ...toAffectedDto(a),
    patientId: a.patientId,
    patientName: `${a.patient.givenName} ${a.patient.familyName}`,
    mrn: a.patient.mrn,
    version: a.version,
    reasons,
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

/** A closure is validated the same way whether it is previewed or added. */
function assertClosure(dto: CreateClosureDto): void {
  const problems = closureProblems(dto);
  if (problems.length) throw clinicErrors.invalid('A closure is a run of whole days within a year.', problems);
}

/** An address on one line, as reminders and calendar files print it: lines sent are joined with commas. */
function oneLine(address: string): string {
  return address
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/,$/, ''))
    .filter(Boolean)
    .join(', ');
}

/** "Tuesday and Wednesday": the weekdays whose windows the problems point at (`windows[2]…`). */
function daysNamed(windows: readonly { weekday: number }[], problems: readonly { field: string }[]): string {
  const weekdays = new Set<number>();
  for (const { field } of problems) {
    const index = /^windows\[(\d+)\]/.exec(field)?.[1];
    const window = index === undefined ? undefined : windows[Number(index)];
    if (window) weekdays.add(window.weekday);
  }
  const names = [...weekdays].sort().map((weekday) => WEEKDAY_NAMES[weekday - 1] ?? `weekday ${weekday}`);
  if (names.length === 0) return 'the week';
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
