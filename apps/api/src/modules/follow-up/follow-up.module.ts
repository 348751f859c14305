import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { FollowUpController } from './follow-up.controller';
import { FollowUpReadsService } from './follow-up-reads.service';
import { FollowUpRecording } from './follow-up-recording';
import { FollowUpRecordsRepository } from './follow-up-records.repository';
import { FollowUpRecordsService } from './follow-up-records.service';
import { FollowUpScheduling } from './follow-up-schedule.service';
import { FollowUpRepository } from './follow-up.repository';
import { PatientLinkController } from './patient-link.controller';
import { PatientLinksRepository } from './patient-links.repository';
import { PatientLinksService } from './patient-links.service';
import { TimelineRepository } from './timeline.repository';
import { WorklistRepository } from './worklist.repository';
import { WorklistService } from './worklist.service';

/**
 * Follow-up after a course: the schedule made when the course completes (the sessions module's
 * course completion calls it), the nurses' worklist, recording a follow-up by phone, in person or
 * by the patient through a signed single-use link, the clinician's bladder review, and a patient's
 * follow-up timeline.
 */
@Module({
  imports: [AlertsModule],
  controllers: [FollowUpController, PatientLinkController],
  providers: [
    FollowUpRepository,
    FollowUpRecordsRepository,
    PatientLinksRepository,
    WorklistRepository,
    TimelineRepository,
    FollowUpScheduling,
    FollowUpRecording,
    FollowUpReadsService,
    FollowUpRecordsService,
    PatientLinksService,
    WorklistService,
  ],
  exports: [FollowUpScheduling],
})
export class FollowUpModule {}
