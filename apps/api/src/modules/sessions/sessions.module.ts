import { Module } from '@nestjs/common';
import { SessionRecordsRepository } from './session-records.repository';

/** The infusion day of one appointment: the session row every infusion-day module reads and locks. */
@Module({
  providers: [SessionRecordsRepository],
  exports: [SessionRecordsRepository],
})
export class SessionsModule {}
