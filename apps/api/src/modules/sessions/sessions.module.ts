import { Module } from '@nestjs/common';
import { BookingModule } from '../booking/booking.module';
import { FollowUpModule } from '../follow-up/follow-up.module';
import { CheckInService } from './check-in.service';
import { ClinicSettingsController } from './clinic-settings.controller';
import { ClinicSettingsService } from './clinic-settings.service';
import { CourseCompletion } from './course-completion';
import { DischargeService } from './discharge.service';
import { SigningService } from './signing.service';
import { SessionRecordsRepository } from './session-records.repository';
import { SessionsController } from './sessions.controller';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

/**
 * The infusion day of one appointment: check-in, the session screen, the nurse's list of the day,
 * and the session row every infusion-day module reads and locks.
 */
@Module({
  imports: [BookingModule, FollowUpModule],
  controllers: [SessionsController, ClinicSettingsController],
  providers: [
    SessionRecordsRepository,
    SessionsRepository,
    SessionsService,
    CheckInService,
    DischargeService,
    CourseCompletion,
    SigningService,
    ClinicSettingsService,
  ],
  exports: [SessionRecordsRepository, CourseCompletion],
})
export class SessionsModule {}
