import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';

/** What a patient's follow-up timeline reads besides the follow-ups: courses, their sessions; one table per query. */
@Injectable()
export class TimelineRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  async patientExists(clinicId: string, patientId: string): Promise<boolean> {
    return (await this.db.patient.findFirst({ where: { id: patientId, clinicId }, select: { id: true } })) !== null;
  }

  async courses(clinicId: string, patientId: string) {
    const courses = await this.db.course.findMany({
      where: { clinicId, patientId },
      select: {
        id: true,
        protocolId: true,
        status: true,
        boosterOfCourseId: true,
        baselinePainNrs: true,
        baselinePainInterference: true,
        completedAt: true,
        createdAt: true,
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    const protocols = await this.db.protocol.findMany({
      where: { clinicId, id: { in: [...new Set(courses.map((c) => c.protocolId))] } },
      select: { id: true, key: true, name: true, route: true },
    });
    const byId = new Map(protocols.map((p) => [p.id, p]));
    return courses.map((c) => ({ ...c, protocol: byId.get(c.protocolId)! }));
  }

  appointments(courseIds: string[]) {
    return this.db.appointment.findMany({
      where: { courseId: { in: courseIds } },
      select: { id: true, courseId: true, sessionNumber: true, startsAt: true, endsAt: true, status: true },
      orderBy: [{ startsAt: 'asc' }, { sessionNumber: 'asc' }],
    });
  }

  sessions(appointmentIds: string[]) {
    return this.db.infusionSession.findMany({
      where: { appointmentId: { in: appointmentIds } },
      select: { id: true, appointmentId: true, painBefore: true, painAfter: true, stoppedAt: true },
    });
  }
}
