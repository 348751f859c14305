import { Module } from '@nestjs/common';
import { AlertsController } from './alerts.controller';
import { AlertsRepository } from './alerts.repository';
import { AlertsService } from './alerts.service';

/**
 * Each staff member's inbox of alerts raised for them (a serious or grade ≥ 3 adverse event, a
 * follow-up's PHQ-9 item 9 answered above "not at all").
 */
@Module({
  controllers: [AlertsController],
  providers: [AlertsRepository, AlertsService],
  exports: [AlertsService],
})
export class AlertsModule {}
