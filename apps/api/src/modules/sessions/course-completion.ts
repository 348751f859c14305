import { Injectable } from '@nestjs/common';
import { courseCompleted } from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import { FollowUpScheduling } from '../follow-up/follow-up-schedule.service';
import { SessionsRepository } from './sessions.repository';

/**
 * The one place a course becomes COMPLETED: after one of its appointments is closed (its session
 * co-signed, or it is cancelled or a no-show), when every appointment of the course is completed,
 * cancelled or a no-show and one was completed. It runs inside the closing transaction, after the
 * appointment's own update, and locks the course row before it reads: of two closings at once the
 * second waits for the first to commit and then sees it, so the completion is never missed.
 * The completed course gets its follow-up schedule in the same transaction, so a course is never
 * COMPLETED without its follow-ups.
 */
@Injectable()
export class CourseCompletion {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditRepository,
    private readonly followUps: FollowUpScheduling,
  ) {}

  /** Whether this closing completed the course. */
  async afterAppointmentClosed(
    actor: Actor,
    meta: RequestMeta,
    course: { id: string; patientId: string },
  ): Promise<boolean> {
    await this.sessions.lockCourse(course.id);
    const statuses = await this.sessions.appointmentStatuses(course.id);
    if (!courseCompleted(statuses)) return false;
    if (!(await this.sessions.completeCourse(course.id, new Date()))) return false;
    await this.audit.record(
      auditEntry(actor, meta, {
        action: 'UPDATE',
        entity: 'Course',
        entityId: course.id,
        patientId: course.patientId,
        fields: ['status', 'completedAt'],
      }),
    );
    await this.followUps.scheduleCompletedCourse(actor, meta, course.id);
    return true;
  }
}
