import { Module } from '@nestjs/common';
import { FollowUpScheduling } from './follow-up-schedule.service';
import { FollowUpRepository } from './follow-up.repository';

/**
 * Follow-up after a course: the schedule made when the course completes (the sessions module's
 * course completion calls it), the nurses' worklist, recording a follow-up by phone, in person or
 * by the patient through a signed single-use link, the clinician's bladder review, and a patient's
 * follow-up timeline.
 */
@Module({
  providers: [FollowUpRepository, FollowUpScheduling],
  exports: [FollowUpScheduling],
})
export class FollowUpModule {}
