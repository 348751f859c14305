import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import type { DoseEventKind } from './dto/dosing.dto';
import type { DoseHistory, StoredDoseEvent, StoredHomeDose, StoredOrder } from './dose-records';

const decimal = (value: { toNumber(): number } | null): number | null => (value === null ? null : value.toNumber());

const orderSelect = {
  id: true,
  sessionId: true,
  form: true,
  route: true,
  perKg: true,
  weightKg: true,
  rateMgPerHour: true,
  doseMg: true,
  plannedMinutes: true,
  expectedMg: true,
  check: true,
  overrideReason: true,
  overrideAccepts: true,
  orderedById: true,
  orderedAt: true,
} as const;

const eventSelect = {
  id: true,
  sessionId: true,
  orderId: true,
  kind: true,
  at: true,
  rateMgPerHour: true,
  mg: true,
  overrideById: true,
  overrideReason: true,
  overrideAccepts: true,
  byId: true,
  recordedAt: true,
} as const;

const homeDoseSelect = {
  id: true,
  clinicId: true,
  patientId: true,
  route: true,
  mg: true,
  takenAt: true,
  note: true,
  recordedById: true,
  recordedAt: true,
} as const;

type OrderRow = Prisma.DoseOrderGetPayload<{ select: typeof orderSelect }>;
type EventRow = Prisma.DoseEventGetPayload<{ select: typeof eventSelect }>;
type HomeDoseRow = Prisma.HomeDoseGetPayload<{ select: typeof homeDoseSelect }>;

const toOrder = (row: OrderRow): StoredOrder => ({
  ...row,
  perKg: row.perKg.toNumber(),
  weightKg: row.weightKg.toNumber(),
  rateMgPerHour: decimal(row.rateMgPerHour),
  doseMg: decimal(row.doseMg),
  expectedMg: row.expectedMg.toNumber(),
});
const toEvent = (row: EventRow): StoredDoseEvent => ({
  ...row,
  rateMgPerHour: decimal(row.rateMgPerHour),
  mg: decimal(row.mg),
});
const toHomeDose = (row: HomeDoseRow): StoredHomeDose => ({ ...row, mg: row.mg.toNumber() });

export interface NewOrder extends Omit<StoredOrder, 'orderedAt'> {
  orderedAt: Date;
}

export interface NewDoseEvent {
  id: string;
  sessionId: string;
  orderId: string;
  kind: DoseEventKind;
  at: Date;
  rateMgPerHour: number | null;
  mg: number | null;
  overrideById: string | null;
  overrideReason: string | null;
  overrideAccepts: string[];
  byId: string;
}

export type NewHomeDose = Omit<StoredHomeDose, 'recordedAt'>;

/**
 * Orders, dose events and home doses, and what dosing reads around them (the clinic's settings,
 * the course's protocol, the patient's every dose). One table per query: inside a transaction
 * Prisma would otherwise run a select's relations at once on the one connection.
 */
@Injectable()
export class DosingRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  /** Serialises eligibility decisions about one patient with changes to their screenings (the gate's lock). */
  async lockEligibility(patientId: string): Promise<void> {
    await this.db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`eligibility:${patientId}`}))`;
  }

  /** Serialises dose writes of one patient across sessions and home doses, so caps are judged on what commits. */
  async lockDoses(patientId: string): Promise<void> {
    await this.db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`doses:${patientId}`}))`;
  }

  /** When the patient checked in: nothing is given before. */
  async checkedInAt(sessionId: string): Promise<Date | undefined> {
    const row = await this.db.infusionSession.findUnique({ where: { id: sessionId }, select: { checkedInAt: true } });
    return row?.checkedInAt;
  }

  clinic(clinicId: string) {
    return this.db.clinic.findUnique({ where: { id: clinicId }, select: { timezone: true, dosingSettings: true } });
  }

  patientExists(clinicId: string, patientId: string) {
    return this.db.patient.findFirst({ where: { id: patientId, clinicId }, select: { id: true } });
  }

  /** The protocol definition a course was booked under. */
  async courseProtocol(clinicId: string, courseId: string): Promise<unknown> {
    const course = await this.db.course.findFirst({
      where: { id: courseId, clinicId },
      select: { protocolId: true },
    });
    if (!course) return undefined;
    const protocol = await this.db.protocol.findFirst({
      where: { id: course.protocolId, clinicId },
      select: { definition: true },
    });
    return protocol?.definition;
  }

  /** Every dose the patient has had: their sessions' orders and steps, and their home doses. */
  async history(clinicId: string, patientId: string): Promise<DoseHistory> {
    const sessions = await this.db.infusionSession.findMany({
      where: { clinicId, patientId },
      select: { id: true, courseId: true },
    });
    const ids = sessions.map((s) => s.id);
    const orders = await this.ordersOf(ids);
    const events = await this.eventsOf(ids);
    const homeDoses = await this.homeDosesOf(clinicId, patientId);
    return { sessions, orders, events, homeDoses };
  }

  async ordersOf(sessionIds: string[]): Promise<StoredOrder[]> {
    if (sessionIds.length === 0) return [];
    const rows = await this.db.doseOrder.findMany({
      where: { sessionId: { in: sessionIds } },
      select: orderSelect,
      orderBy: [{ orderedAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toOrder);
  }

  async eventsOf(sessionIds: string[]): Promise<StoredDoseEvent[]> {
    if (sessionIds.length === 0) return [];
    const rows = await this.db.doseEvent.findMany({
      where: { sessionId: { in: sessionIds } },
      select: eventSelect,
      orderBy: [{ at: 'asc' }, { recordedAt: 'asc' }],
    });
    return rows.map(toEvent);
  }

  async homeDosesOf(clinicId: string, patientId: string): Promise<StoredHomeDose[]> {
    const rows = await this.db.homeDose.findMany({
      where: { clinicId, patientId },
      select: homeDoseSelect,
      orderBy: [{ takenAt: 'desc' }, { id: 'asc' }],
    });
    return rows.map(toHomeDose);
  }

  async insertOrder(order: NewOrder): Promise<StoredOrder> {
    const row = await this.db.doseOrder.create({
      data: { ...order, check: order.check as Prisma.InputJsonObject },
      select: orderSelect,
    });
    return toOrder(row);
  }

  async event(id: string): Promise<StoredDoseEvent | null> {
    const row = await this.db.doseEvent.findUnique({ where: { id }, select: eventSelect });
    return row && toEvent(row);
  }

  async insertEvent(event: NewDoseEvent): Promise<StoredDoseEvent> {
    return toEvent(await this.db.doseEvent.create({ data: event, select: eventSelect }));
  }

  /** The first START or BOLUS: CHECKED_IN → INFUSING. */
  async markStarted(sessionId: string, at: Date): Promise<void> {
    await this.db.infusionSession.update({
      where: { id: sessionId },
      data: { state: 'INFUSING', startedAt: at },
      select: { id: true },
    });
  }

  /** The STOP: INFUSING → IN_RECOVERY. */
  async markStopped(sessionId: string, at: Date): Promise<void> {
    await this.db.infusionSession.update({
      where: { id: sessionId },
      data: { state: 'IN_RECOVERY', stoppedAt: at },
      select: { id: true },
    });
  }

  async homeDose(id: string): Promise<StoredHomeDose | null> {
    const row = await this.db.homeDose.findUnique({ where: { id }, select: homeDoseSelect });
    return row && toHomeDose(row);
  }

  async insertHomeDose(dose: NewHomeDose): Promise<StoredHomeDose> {
    return toHomeDose(await this.db.homeDose.create({ data: dose, select: homeDoseSelect }));
  }
}
