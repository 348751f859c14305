import { Injectable } from '@nestjs/common';
import { clinicDateAt, followUpSchedule, followUpStatus } from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import { followUpSettingsOf } from '../boosters/follow-up-settings';
import { windowColumns } from './follow-up-windows';
import { FollowUpRepository } from './follow-up.repository';

/** The protocol's follow-up offsets as its stored definition holds them. */
function offsetsOf(definition: unknown): number[] {
  const offsets = (definition as { followUpOffsetsDays?: unknown } | null)?.followUpOffsetsDays;
  return Array.isArray(offsets) ? offsets.filter((d): d is number => Number.isInteger(d) && d > 0) : [];
}

/**
 * The follow-up schedule of a course that has just completed: one follow-up per offset of its
 * protocol version, each due that many clinic days after the day its last completed session ended,
 * with the window the domain gives in the clinic's zone and by the clinic's window settings. It runs in the transaction that completed
 * the course; a course scheduled already is left as it is (one follow-up per course and offset),
 * and a course that is not COMPLETED (cancelled, still booked) gets none.
 */
@Injectable()
export class FollowUpScheduling {
  constructor(
    private readonly followUps: FollowUpRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** Creates the missing follow-ups of a completed course; answers how many it created. */
  async scheduleCompletedCourse(actor: Pick<Actor, 'id'> | null, meta: RequestMeta, courseId: string) {
    const course = await this.followUps.courseForSchedule(courseId);
    if (!course || course.status !== 'COMPLETED') return 0;
    const ended = await this.followUps.lastSessionEnd(courseId);
    if (!ended) return 0;
    const now = Date.now();
    const windows = followUpSchedule(
      {
        lastSessionOn: clinicDateAt(ended.getTime(), course.timeZone),
        followUpOffsetsDays: offsetsOf(course.definition),
        timeZone: course.timeZone,
      },
      followUpSettingsOf(course.followUpSettings).followUp,
    );
    const created = await this.followUps.createMissing(
      windows.map((window) => ({
        clinicId: course.clinicId,
        courseId,
        patientId: course.patientId,
        ...windowColumns(window),
        // A course closed late (a co-signature days after the session) may have a window open already.
        status: followUpStatus(window, [], now).status,
      })),
    );
    await this.audit.recordMany(
      created.map((row) =>
        auditEntry(actor, meta, {
          action: 'CREATE',
          entity: 'FollowUp',
          entityId: row.id,
          patientId: row.patientId,
          fields: ['courseId', 'offsetDays', 'dueOn', 'opensOn', 'closesOn', 'status'],
        }),
      ),
    );
    return created.length;
  }
}
