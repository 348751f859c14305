import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { SessionsModule } from '../sessions/sessions.module';
import { AdverseEventsController } from './adverse-events.controller';
import { AdverseEventsRepository } from './adverse-events.repository';
import { AdverseEventsService } from './adverse-events.service';

/** A session's adverse events (CTCAE v5): recorded, or drafted by a vitals alert and confirmed or dismissed. */
@Module({
  imports: [SessionsModule, AlertsModule],
  controllers: [AdverseEventsController],
  providers: [AdverseEventsRepository, AdverseEventsService],
})
export class AdverseEventsModule {}
