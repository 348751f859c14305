import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  allowedAtWeight,
  applyOverride,
  checkDose,
  checkDoseStep,
  clinicDateOf,
  doseFormOf,
  isProtocol,
  mgWithin,
  planDose,
  rateAt,
  rateEventsOf,
  rateSegments,
  ROLLING_WINDOW_DAYS,
  round3,
  sessionActionRefusal,
  windowMs,
  type DoseRecord,
  type DosingSettings,
  type Protocol,
  type SessionAction,
  type WrittenOverride,
} from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import type { DomainError } from '../../common/errors/domain-error';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import { EligibilityService } from '../screening/eligibility.service';
import { dosingSettingsOf } from '../sessions/infusion-settings';
import { SessionRecordsRepository, type SessionHead } from '../sessions/session-records.repository';
import { doseRecordsOf, standingOrderOf, stepsOf, type DoseHistory, type StoredDoseEvent } from './dose-records';
import { dosingErrors } from './dosing.errors';
import { cappedTotals, toDoseEventDto, toOrderDto, type DoseTotals, type OrderCheckRecord } from './dosing.mapper';
import { DosingRepository } from './dosing.repository';
import type {
  CreateDoseEventDto,
  CreateOrderDto,
  DoseOverrideDto,
  OrderDto,
  RecordedDoseEventDto,
  SessionDosingDto,
} from './dto/dosing.dto';

/** Clocks drift between tablets and the server: a step up to a minute ahead of the server is "now". */
const CLOCK_SKEW_MS = 60_000;

interface Basis {
  timezone: string;
  settings: DosingSettings;
  protocol: Protocol;
  history: DoseHistory;
  records: DoseRecord[];
}

type StepOutcome =
  { kind: 'refused'; error: DomainError } | { kind: 'retried' | 'recorded'; event: RecordedDoseEventDto };

const overrideOf = (actor: Actor, override: DoseOverrideDto | undefined): WrittenOverride | undefined =>
  override && { by: actor.id, reason: override.reason, accepts: override.accepts };

/**
 * The clinician's orders and what is given at the chair. Each write locks the session, then the
 * patient's doses (so two sessions or a home dose cannot both pass a cap they cross together), then
 * judges the dose with the domain's rules on everything the patient has had, and writes with its
 * audit row in the same transaction.
 */
@Injectable()
export class DosingService {
  constructor(
    private readonly sessions: SessionRecordsRepository,
    private readonly dosing: DosingRepository,
    private readonly eligibility: EligibilityService,
    private readonly audit: AuditRepository,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  /** The clinician's order: the domain's plan on today's weight, checked against the range and every cap. */
  async order(actor: Actor, meta: RequestMeta, sessionId: string, body: CreateOrderDto): Promise<OrderDto> {
    return this.transactions.withTransaction(async () => {
      const session = await this.lockSession(actor, sessionId);
      if (session.state !== 'CHECKED_IN' && session.state !== 'INFUSING')
        throw dosingErrors.notOrderable(session.state);
      await this.dosing.lockDoses(session.patientId);
      const basis = await this.basis(session);
      const { protocol, settings } = basis;
      const form = doseFormOf(protocol);
      if (!form) throw new Error('A booked protocol has no dose range');
      if (form.kind === 'INFUSION' && body.plannedMinutes === undefined)
        throw dosingErrors.field('plannedMinutes', 'required', 'plannedMinutes is required for an infusion');
      if (form.kind === 'BOLUS' && body.plannedMinutes !== undefined)
        throw dosingErrors.field('plannedMinutes', 'bolusHasNoMinutes', 'a bolus order has no planned minutes');

      const weightKg = session.weightKg?.toNumber() ?? null;
      const planned = planDose({
        form,
        perKg: body.perKg,
        weightKg,
        plannedMinutes: body.plannedMinutes,
        perSessionCapMg: protocol.caps.perSessionMg,
        settings,
      });
      if (!planned.plan) throw dosingErrors.doseRefused(planned.reasons);
      const plan = planned.plan;
      const nowMs = Date.now();
      const check = checkDose(
        form.kind === 'INFUSION'
          ? {
              kind: 'INFUSION_ORDER',
              route: protocol.route,
              rateMgPerHour: plan.amount,
              startMs: nowMs,
              plannedMinutes: body.plannedMinutes ?? 0,
            }
          : { kind: 'BOLUS', route: protocol.route, mg: plan.amount, atMs: nowMs },
        { protocol, weightKg, sessionId: session.id, courseId: session.courseId, records: basis.records, settings },
      );
      const outcome = applyOverride(check.reasons, overrideOf(actor, body.override));
      if (!outcome.allowed) throw dosingErrors.doseRefused(outcome.standing, check.totalsMg);
      if (Math.round(plan.amount * 1000) % 100 !== 0)
        throw dosingErrors.field(
          'perKg',
          'oneDecimal',
          `${plan.amount} has more than the one decimal a dose is kept to`,
        );

      const accepted = outcome.accepted;
      const record: OrderCheckRecord = {
        exact: plan.exact,
        rounding: plan.rounding,
        reasons: check.reasons,
        accepted,
        totalsMg: check.totalsMg,
        caps: cappedTotals(check.totalsMg, protocol.caps, settings),
      };
      const order = await this.dosing.insertOrder({
        id: randomUUID(),
        sessionId: session.id,
        form: form.kind,
        route: protocol.route,
        perKg: body.perKg,
        weightKg: plan.weightKg,
        rateMgPerHour: form.kind === 'INFUSION' ? plan.amount : null,
        doseMg: form.kind === 'BOLUS' ? plan.amount : null,
        plannedMinutes: form.kind === 'INFUSION' ? (body.plannedMinutes ?? null) : null,
        expectedMg: plan.expectedSessionMg,
        check: record,
        overrideReason: accepted.length > 0 ? (body.override?.reason ?? null) : null,
        overrideAccepts: accepted.map((r) => r.code),
        orderedById: actor.id,
        orderedAt: new Date(nowMs),
      });
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'CREATE',
          entity: 'DoseOrder',
          entityId: order.id,
          patientId: session.patientId,
          fields: ['perKg', 'plannedMinutes', 'rateMgPerHour', 'doseMg', 'override'],
        }),
      );
      return toOrderDto(order);
    });
  }

  /**
   * A step at the chair. A retry with the same id and content answers the stored step; the same id
   * with other content is refused. The first START or BOLUS starts the session (check-in cleared,
   * eligible today); STOP moves it to recovery.
   */
  async recordEvent(
    actor: Actor,
    meta: RequestMeta,
    sessionId: string,
    body: CreateDoseEventDto,
  ): Promise<{ created: boolean; event: RecordedDoseEventDto }> {
    if (body.kind === 'RATE' && body.rateMgPerHour === undefined)
      throw dosingErrors.field('rateMgPerHour', 'required', 'rateMgPerHour is required for a RATE change');
    if (body.kind !== 'RATE' && body.rateMgPerHour !== undefined)
      throw dosingErrors.field(
        'rateMgPerHour',
        'onlyOnRate',
        "rateMgPerHour is given only on a RATE change (a START runs the order's rate)",
      );
    const atMs = Date.parse(body.at);
    if (atMs > Date.now() + CLOCK_SKEW_MS)
      throw dosingErrors.field('at', 'notInFuture', 'at must not be in the future');
    if (body.override && !actor.roles.includes('CLINICIAN')) throw dosingErrors.overrideNeedsClinician();

    const result = await this.transactions.withTransaction(async (): Promise<StepOutcome> => {
      const session = await this.lockSession(actor, sessionId);
      const existing = await this.dosing.event(body.id);
      if (existing) return { kind: 'retried', event: this.retried(existing, session, body, atMs) };
      const checkedInAt = await this.dosing.checkedInAt(session.id);
      if (checkedInAt && atMs < checkedInAt.getTime())
        throw dosingErrors.field(
          'at',
          'notBeforeCheckIn',
          `at must not be before the check-in (${checkedInAt.toISOString()})`,
        );

      const starting = body.kind === 'START' || (body.kind === 'BOLUS' && session.state !== 'INFUSING');
      const action: SessionAction | undefined = starting
        ? 'start'
        : body.kind === 'RATE'
          ? 'change_rate'
          : body.kind === 'STOP'
            ? 'stop'
            : undefined;
      const refusal = action && sessionActionRefusal(action, session);
      if (refusal) throw dosingErrors.refused(refusal);
      await this.dosing.lockDoses(session.patientId);
      const basis = await this.basis(session);
      if (starting) {
        const refused = await this.gate(actor, meta, session, basis.timezone);
        if (refused) return { kind: 'refused', error: refused };
      }

      const orders = basis.history.orders.filter((o) => o.sessionId === session.id);
      const order = orders[orders.length - 1];
      const steps = stepsOf(basis.history.events.filter((e) => e.sessionId === session.id));
      const check = checkDoseStep(
        { kind: body.kind, atMs, rateMgPerHour: body.rateMgPerHour },
        {
          protocol: basis.protocol,
          weightKg: session.weightKg?.toNumber() ?? null,
          sessionId: session.id,
          courseId: session.courseId,
          records: basis.records,
          settings: basis.settings,
          order: order && standingOrderOf(order),
          steps,
        },
      );
      const outOfSequence = check.reasons.find((r) => r.ruleId === 'dosing.administration-sequence');
      if (outOfSequence) throw dosingErrors.outOfSequence(outOfSequence);
      const toJudge = check.reasons.filter((r) => !check.coveredByOrder.includes(r));
      const outcome = applyOverride(toJudge, overrideOf(actor, body.override));
      if (!outcome.allowed) throw dosingErrors.doseRefused(outcome.standing, check.check?.totalsMg);
      if (!order) throw new Error('A dose step passed its sequence check without an order');

      const accepted = outcome.accepted.map((r) => r.code);
      const event = await this.dosing.insertEvent({
        id: body.id,
        sessionId: session.id,
        orderId: order.id,
        kind: body.kind,
        at: new Date(atMs),
        rateMgPerHour:
          body.kind === 'START' ? order.rateMgPerHour : body.kind === 'RATE' ? (body.rateMgPerHour ?? null) : null,
        mg: body.kind === 'BOLUS' ? order.doseMg : null,
        overrideById: accepted.length > 0 ? actor.id : null,
        overrideReason: accepted.length > 0 ? (body.override?.reason ?? null) : null,
        overrideAccepts: accepted,
        byId: actor.id,
      });
      let state = session.state;
      let version = session.version;
      if (starting) {
        await this.dosing.markStarted(session.id, event.at);
        state = 'INFUSING';
        version = await this.sessions.touch(session.id);
      } else if (body.kind === 'STOP') {
        await this.dosing.markStopped(session.id, event.at);
        state = 'IN_RECOVERY';
        version = await this.sessions.touch(session.id);
      }
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'CREATE',
          entity: 'DoseEvent',
          entityId: event.id,
          patientId: session.patientId,
          fields: ['kind', 'at', 'rateMgPerHour', 'mg', ...(accepted.length > 0 ? ['override'] : [])],
        }),
      );
      return { kind: 'recorded', event: { ...toDoseEventDto(event), sessionState: state, sessionVersion: version } };
    });
    // The gate's refusal is thrown after its audit row has committed.
    if (result.kind === 'refused') throw result.error;
    return { created: result.kind === 'recorded', event: result.event };
  }

  /** The session's dosing as it stands: orders, steps, segments, mg so far and each cap. */
  async sessionDosing(actor: Actor, meta: RequestMeta, sessionId: string): Promise<SessionDosingDto> {
    return this.transactions.withTransaction(async () => {
      const session = await this.sessions.head(actor.clinicId, sessionId);
      if (!session) throw dosingErrors.sessionNotFound();
      const basis = await this.basis(session);
      const nowMs = Date.now();
      const orders = basis.history.orders.filter((o) => o.sessionId === session.id);
      const events = basis.history.events.filter((e) => e.sessionId === session.id);
      const rateEvents = rateEventsOf(stepsOf(events));
      const totals = totalsAt(basis.records, session, nowMs);
      const form = doseFormOf(basis.protocol);
      const range = form?.kind === 'BOLUS' ? form.mgPerKg : form?.mgPerKgPerHour;
      const weightKg = session.weightKg?.toNumber() ?? null;
      const step = form?.kind === 'BOLUS' ? basis.settings.bolusStepMg : basis.settings.rateStepMgPerHour;
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'READ',
          entity: 'SessionDosing',
          entityId: session.id,
          patientId: session.patientId,
          fields: ['orders', 'events', 'mgGiven', 'caps'],
        }),
      );
      return {
        sessionId: session.id,
        state: session.state,
        form: form?.kind ?? 'INFUSION',
        route: basis.protocol.route,
        weightKg,
        rangeMin: range?.min ?? 0,
        rangeMax: range?.max ?? 0,
        allowed: range && weightKg !== null ? allowedRounded(allowedAtWeight(range, weightKg, step)) : null,
        orders: orders.map(toOrderDto),
        events: events.map(toDoseEventDto),
        segments: rateSegments(rateEvents).map((s) => ({
          from: new Date(s.fromMs).toISOString(),
          to: s.toMs === null ? null : new Date(s.toMs).toISOString(),
          rateMgPerHour: s.rateMgPerHour,
        })),
        mgGiven: totals.session,
        expectedMg: orders.length > 0 ? orders[orders.length - 1].expectedMg : null,
        currentRateMgPerHour: rateAt(rateEvents, nowMs),
        caps: cappedTotals(totals, basis.protocol.caps, basis.settings),
        asOf: new Date(nowMs).toISOString(),
      };
    });
  }

  private async lockSession(actor: Actor, sessionId: string): Promise<SessionHead> {
    const session = await this.sessions.lock(actor.clinicId, sessionId);
    if (!session) throw dosingErrors.sessionNotFound();
    return session;
  }

  /** The eligibility gate for the clinic-local today, under the patient's eligibility lock; its refusal, if any. */
  private async gate(
    actor: Actor,
    meta: RequestMeta,
    session: SessionHead,
    timezone: string,
  ): Promise<DomainError | undefined> {
    await this.dosing.lockEligibility(session.patientId);
    const today = clinicDateOf(new Date().toISOString(), timezone);
    const gate = await this.eligibility.gate(session.clinicId, session.patientId, [today], { actor, meta });
    return gate.ok ? undefined : gate.error;
  }

  /** A retry answers the stored step as it is now; different content under the same id is refused. */
  private retried(
    existing: StoredDoseEvent,
    session: SessionHead,
    body: CreateDoseEventDto,
    atMs: number,
  ): RecordedDoseEventDto {
    const same =
      existing.sessionId === session.id &&
      existing.kind === body.kind &&
      existing.at.getTime() === atMs &&
      (body.kind !== 'RATE' || existing.rateMgPerHour === body.rateMgPerHour);
    if (!same) throw dosingErrors.idTaken('dose event');
    return { ...toDoseEventDto(existing), sessionState: session.state, sessionVersion: session.version };
  }

  private async basis(session: SessionHead): Promise<Basis> {
    const clinic = await this.dosing.clinic(session.clinicId);
    if (!clinic) throw dosingErrors.sessionNotFound();
    const definition = await this.dosing.courseProtocol(session.clinicId, session.courseId);
    if (!isProtocol(definition)) throw new Error('A session has no valid protocol');
    const history = await this.dosing.history(session.clinicId, session.patientId);
    return {
      timezone: clinic.timezone,
      settings: dosingSettingsOf(clinic.dosingSettings),
      protocol: definition,
      history,
      records: doseRecordsOf(history),
    };
  }
}

/** mg given up to `nowMs`: this session, its course, all time and each rolling window, every route. */
function totalsAt(records: readonly DoseRecord[], session: SessionHead, nowMs: number): DoseTotals {
  const sum = (of: readonly DoseRecord[], fromMs = -Infinity) =>
    round3(of.reduce((total, r) => total + mgWithin(r, fromMs, nowMs), 0));
  const windows = {} as DoseTotals['windows'];
  for (const days of ROLLING_WINDOW_DAYS) windows[days] = sum(records, nowMs - windowMs(days));
  return {
    session: sum(records.filter((r) => r.sessionId === session.id)),
    course: sum(records.filter((r) => r.courseId === session.courseId)),
    allTime: sum(records),
    windows,
  };
}

/** The range at today's weight as checks judge it (bottom rounded down to the step, top exact), to 3 decimals. */
function allowedRounded(allowed: { min: number; max: number }) {
  return { min: round3(allowed.min), max: round3(allowed.max) };
}
