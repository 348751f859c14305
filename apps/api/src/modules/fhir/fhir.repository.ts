import { Inject, Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import type { FollowUpRecordData, PatientRecord, ScreeningRecord, SessionRecord } from './patient-record';

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
const day = (d: Date) => d.toISOString().slice(0, 10);
const num = (d: Prisma.Decimal | null) => (d === null ? null : d.toNumber());

/** Where a record id lives: the patient it belongs to, looked up in one statement. */
const OWNER_TABLES = [
  ['Patient', 'id', 'id'],
  ['Diagnosis', 'id', 'patientId'],
  ['Screening', 'id', 'patientId'],
  ['Appointment', 'id', 'patientId'],
  ['InfusionSession', 'id', 'patientId'],
  ['FollowUpRecord', 'id', 'patientId'],
] as const;

/**
 * Reads a patient's record for FHIR in a fixed number of statements whatever its size: one per
 * table (Prisma's includes add one per relation, never one per row).
 */
@Injectable()
export class FhirRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  /** The clinic's patient that owns the row with this id (a patient, diagnosis, screening, appointment, session or follow-up record). */
  async ownerOf(clinicId: string, id: string): Promise<string | undefined> {
    const session = Prisma.sql`SELECT "patientId" FROM "InfusionSession" WHERE id = ${id}::uuid AND "clinicId" = ${clinicId}::uuid`;
    const bySession = (table: string) =>
      Prisma.sql`SELECT s."patientId" FROM ${Prisma.raw(`"${table}"`)} t JOIN "InfusionSession" s ON s.id = t."sessionId" WHERE t.id = ${id}::uuid AND s."clinicId" = ${clinicId}::uuid`;
    const parts = [
      ...OWNER_TABLES.filter(([table]) => table !== 'InfusionSession').map(([table, key, owner]) =>
        table === 'Diagnosis'
          ? Prisma.sql`SELECT d."patientId" FROM "Diagnosis" d JOIN "Patient" p ON p.id = d."patientId" WHERE d.id = ${id}::uuid AND p."clinicId" = ${clinicId}::uuid`
          : Prisma.sql`SELECT ${Prisma.raw(`"${owner}"`)} AS "patientId" FROM ${Prisma.raw(`"${table}"`)} WHERE ${Prisma.raw(`"${key}"`)} = ${id}::uuid AND "clinicId" = ${clinicId}::uuid`,
      ),
      session,
      bySession('VitalsReading'),
      bySession('DoseOrder'),
      bySession('DoseEvent'),
      bySession('AdverseEvent'),
    ];
    const rows = await this.db.$queryRaw<{ patientId: string }[]>(
      Prisma.sql`SELECT "patientId"::text FROM (${Prisma.join(parts, ' UNION ALL ')}) owners LIMIT 1`,
    );
    return rows[0]?.patientId;
  }

  /** A screening template of the clinic, for reading its Questionnaire. */
  async template(clinicId: string, id: string) {
    const t = await this.db.screeningTemplate.findFirst({ where: { id, clinicId } });
    return t ? { ...t, publishedAt: iso(t.publishedAt) } : undefined;
  }

  /** The patient's whole record, or undefined when the clinic has no such patient. */
  async record(clinicId: string, patientId: string): Promise<PatientRecord | undefined> {
    const patient = await this.db.patient.findFirst({
      where: { id: patientId, clinicId },
      include: { diagnoses: { orderBy: [{ isPrimary: 'desc' }, { recordedAt: 'asc' }] } },
    });
    if (!patient) return undefined;
    const where = { patientId, clinicId };
    const screenings = await this.db.screening.findMany({ where, orderBy: { createdAt: 'asc' } });
    const templateIds = [...new Set(screenings.map((s) => s.templateId))];
    const templates = templateIds.length
      ? await this.db.screeningTemplate.findMany({ where: { id: { in: templateIds }, clinicId } })
      : [];
    const appointments = await this.db.appointment.findMany({
      where,
      orderBy: { startsAt: 'asc' },
      include: { course: { select: { sessionCount: true, protocol: { select: { name: true } } } } },
    });
    const sessions = await this.db.infusionSession.findMany({
      where,
      orderBy: { checkedInAt: 'asc' },
      include: {
        readings: { orderBy: { takenAt: 'asc' } },
        orders: { orderBy: { orderedAt: 'asc' } },
        doseEvents: { orderBy: { at: 'asc' } },
        adverseEvents: { orderBy: { onsetAt: 'asc' } },
        appointment: { select: { course: { select: { protocol: { select: { route: true } } } } } },
      },
    });
    const followUpRecords = await this.db.followUpRecord.findMany({
      where,
      orderBy: { recordedAt: 'asc' },
      include: { followUp: { select: { courseId: true } } },
    });
    return {
      patient: {
        id: patient.id,
        clinicId: patient.clinicId,
        mrn: patient.mrn,
        givenName: patient.givenName,
        familyName: patient.familyName,
        dateOfBirth: day(patient.dateOfBirth),
        sex: patient.sex,
        phone: patient.phone,
        email: patient.email,
        updatedAt: iso(patient.updatedAt),
      },
      diagnoses: patient.diagnoses.map((d) => ({
        id: d.id,
        icd10Code: d.icd10Code,
        description: d.description,
        painMechanism: d.painMechanism,
        isPrimary: d.isPrimary,
        recordedAt: iso(d.recordedAt),
      })),
      templates: templates.map((t) => ({
        id: t.id,
        key: t.key,
        version: t.version,
        title: t.title,
        kind: t.kind,
        publishedAt: iso(t.publishedAt),
        definition: t.definition,
      })),
      screenings: screenings.map((s): ScreeningRecord => ({
        id: s.id,
        templateId: s.templateId,
        status: s.status,
        answers: (s.answers ?? {}) as Record<string, unknown>,
        scores: (s.scores ?? null) as ScreeningRecord['scores'],
        amendsId: s.amendsId,
        createdAt: iso(s.createdAt),
        submittedAt: isoOrNull(s.submittedAt),
        updatedAt: iso(s.updatedAt),
      })),
      appointments: appointments.map((a) => ({
        id: a.id,
        courseId: a.courseId,
        sessionNumber: a.sessionNumber,
        sessionCount: a.course.sessionCount,
        kind: a.kind,
        status: a.status,
        startsAt: iso(a.startsAt),
        endsAt: iso(a.endsAt),
        protocolName: a.course.protocol.name,
        updatedAt: iso(a.updatedAt),
      })),
      sessions: sessions.map((s): SessionRecord => ({
        id: s.id,
        appointmentId: s.appointmentId,
        courseId: s.courseId,
        protocolRoute: s.appointment.course.protocol.route,
        state: s.state,
        checkedInAt: iso(s.checkedInAt),
        startedAt: isoOrNull(s.startedAt),
        stoppedAt: isoOrNull(s.stoppedAt),
        dischargedAt: isoOrNull(s.dischargedAt),
        weightKg: num(s.weightKg),
        painBefore: s.painBefore,
        painAfter: s.painAfter,
        updatedAt: iso(s.updatedAt),
        readings: s.readings.map((r) => ({
          id: r.id,
          takenAt: iso(r.takenAt),
          systolic: r.systolic,
          diastolic: r.diastolic,
          heartRate: r.heartRate,
          spo2: r.spo2,
          respiratoryRate: r.respiratoryRate,
          voided: r.voidedAt !== null,
          recordedAt: iso(r.voidedAt ?? r.recordedAt),
        })),
        orders: s.orders.map((o) => ({
          id: o.id,
          form: o.form,
          route: o.route,
          perKg: o.perKg.toNumber(),
          weightKg: o.weightKg.toNumber(),
          rateMgPerHour: num(o.rateMgPerHour),
          doseMg: num(o.doseMg),
          plannedMinutes: o.plannedMinutes,
          orderedAt: iso(o.orderedAt),
        })),
        doseEvents: s.doseEvents.map((e) => ({
          id: e.id,
          orderId: e.orderId,
          kind: e.kind,
          at: iso(e.at),
          rateMgPerHour: num(e.rateMgPerHour),
          mg: num(e.mg),
          recordedAt: iso(e.recordedAt),
        })),
        adverseEvents: s.adverseEvents.map((e) => ({
          id: e.id,
          status: e.status,
          term: e.term,
          grade: e.grade,
          onsetAt: iso(e.onsetAt),
          outcome: e.outcome,
          serious: e.serious,
          description: e.description,
          createdAt: iso(e.createdAt),
          decidedAt: isoOrNull(e.decidedAt),
        })),
      })),
      followUpRecords: followUpRecords.map((r): FollowUpRecordData => ({
        id: r.id,
        courseId: r.followUp.courseId,
        channel: r.channel,
        recordedAt: iso(r.recordedAt),
        painNrsNow: r.painNrsNow,
        painNrs7DayAverage: r.painNrs7DayAverage,
        painInterference: r.painInterference as Record<string, number>,
        painInterferenceRaw: r.painInterferenceRaw,
        painInterferenceT: r.painInterferenceT.toNumber(),
        phq9: r.phq9 as Record<string, number>,
        phq9Total: r.phq9Total,
        bladder: r.bladder as Record<string, boolean | null>,
        supportingCare: r.supportingCare,
      })),
    };
  }
}
