import { Inject, Injectable } from '@nestjs/common';
import {
  clinicDateOf,
  combineEligibility,
  isCalendarDate,
  type ClinicScreeningSettings,
  type CombinedEligibility,
  type SignedScreening,
  type UnsignedScreening,
  screeningSettingsOf,
} from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import type { DomainError } from '../../common/errors/domain-error';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import type { EligibilityDto } from './dto/eligibility.dto';
import { toEligibilityDto, toSigned, toUnsigned } from './eligibility.mapper';
import { screeningErrors } from './screening.errors';
import { ScreeningRepository } from './screening.repository';

interface Basis {
  timezone: string;
  settings: ClinicScreeningSettings;
  screenings: SignedScreening[];
  unsigned: UnsignedScreening[];
}

/** Who consults the gate, for its audit row. */
export interface GateCaller {
  actor: Pick<Actor, 'id'>;
  meta: RequestMeta;
}

/** The gate's answer: the signed screenings relied on, or the refusal to answer with. */
export type GateResult = { ok: true; screeningIds: string[] } | { ok: false; error: DomainError };

const AUDITED_FIELDS = ['on', 'status', 'reasons', 'screeningIds'];

/**
 * The eligibility gate. Whether a patient may be treated on a day is decided by the domain's
 * combineEligibility from the patient's signed screenings, the submitted or declined ones newer
 * than them, and the clinic's settings; this service only loads them. Booking and infusion start
 * consult `gate` (or `assertEligibleOn`) before they write.
 */
@Injectable()
export class EligibilityService {
  constructor(
    private readonly screenings: ScreeningRepository,
    private readonly audit: AuditRepository,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  /** Eligibility on `on` (a clinic calendar date, YYYY-MM-DD). */
  async evaluate(clinicId: string, patientId: string, on: string): Promise<CombinedEligibility> {
    assertDates([on]);
    return decide(await this.basis(clinicId, patientId), on);
  }

  /**
   * Whether the patient is ELIGIBLE on every date. It reads and writes in the caller's open
   * transaction, so a booking decides on what it commits, and the READ audit row commits with it.
   * A refusal discloses per-day statuses and reasons, so every consultation writes one READ audit
   * row of the patient's eligibility, whatever the number of days, as the GET does.
   *
   * The caller holds the patient's eligibility lock (`pg_advisory_xact_lock(hashtext('eligibility:'
   * || patientId))`), which screening submission, signature, override and decline take too: no
   * screening changes between the decision and the caller's write.
   *
   * A refusal is returned, not thrown, so the caller can commit the audit row and then answer 422
   * NOT_ELIGIBLE with `error`: its body carries each refused day's decision in `eligibility` and
   * each blocking reason in `errors`.
   */
  async gate(clinicId: string, patientId: string, dates: string[], caller: GateCaller): Promise<GateResult> {
    assertDates(dates);
    const basis = await this.basis(clinicId, patientId);
    await this.audit.record(
      auditEntry(caller.actor, caller.meta, {
        action: 'READ',
        entity: 'Eligibility',
        patientId,
        fields: AUDITED_FIELDS,
      }),
    );
    const decisions = [...new Set(dates)].sort().map((on) => decide(basis, on));
    const refused = decisions.filter((d) => d.status !== 'ELIGIBLE');
    if (refused.length > 0) return { ok: false, error: screeningErrors.notEligible(refused) };
    return { ok: true, screeningIds: [...new Set(decisions.flatMap((d) => d.screeningIds))] };
  }

  /**
   * `gate`, throwing its refusal (422 NOT_ELIGIBLE); the signed screenings relied on otherwise.
   */
  async assertEligibleOn(
    clinicId: string,
    patientId: string,
    dates: string[],
    caller: GateCaller,
  ): Promise<{ screeningIds: string[] }> {
    const result = await this.gate(clinicId, patientId, dates, caller);
    if (!result.ok) throw result.error;
    return { screeningIds: result.screeningIds };
  }

  /**
   * The eligibility answer for the API, with its READ audit row. A scheduler sees statuses and
   * reasons; the evidence (answers) and override wording are for nurses and clinicians.
   */
  async forPatient(actor: Actor, meta: RequestMeta, patientId: string, on?: string): Promise<EligibilityDto> {
    return this.transactions.withTransaction(async () => {
      const basis = await this.basis(actor.clinicId, patientId);
      const decision = decide(basis, on ?? clinicDateOf(new Date().toISOString(), basis.timezone));
      await this.audit.record(
        auditEntry(actor, meta, { action: 'READ', entity: 'Eligibility', patientId, fields: AUDITED_FIELDS }),
      );
      const clinical = actor.roles.some((role) => role === 'NURSE' || role === 'CLINICIAN');
      return toEligibilityDto(decision, clinical);
    });
  }

  /** One query after another: inside a caller's transaction they share its one connection. */
  private async basis(clinicId: string, patientId: string): Promise<Basis> {
    const clinic = await this.screenings.clinic(clinicId);
    const patient = clinic && (await this.screenings.patient(clinicId, patientId));
    if (!clinic || !patient) throw screeningErrors.patientNotFound();
    const signed = await this.screenings.signed(clinicId, patientId);
    const unsigned = await this.screenings.unsigned(clinicId, patientId);
    return {
      timezone: clinic.timezone,
      settings: screeningSettingsOf(clinic),
      screenings: signed.map((row) => toSigned(row, clinic.timezone)),
      unsigned: unsigned.map((row) => toUnsigned(row, clinic.timezone)),
    };
  }
}

function decide(basis: Basis, on: string): CombinedEligibility {
  return combineEligibility(basis.screenings, on, basis.settings, basis.unsigned);
}

function assertDates(dates: string[]) {
  const bad = dates.filter((d) => typeof d !== 'string' || !isCalendarDate(d));
  if (bad.length > 0) throw screeningErrors.notCalendarDates(bad.length);
}
