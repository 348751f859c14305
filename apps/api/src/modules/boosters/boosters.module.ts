import { Module } from '@nestjs/common';
import { DosingModule } from '../dosing/dosing.module';
import { OutcomesModule } from '../outcomes/outcomes.module';
import { ScreeningModule } from '../screening/screening.module';
import { BoosterFactsService } from './booster-facts.service';
import { BoostersController } from './boosters.controller';
import { BoostersRepository } from './boosters.repository';
import { BoostersService } from './boosters.service';
import { FollowUpSettingsController } from './follow-up-settings.controller';
import { FollowUpSettingsService } from './follow-up-settings.service';

/**
 * Boosters: each pre-booster check for a patient, the clinicians' booster queue over the daily
 * job's tasks, clinicians' written approvals, and the clinic's follow-up settings. The course
 * booking path imports BoosterFactsService to re-check a booster inside its transaction.
 */
@Module({
  imports: [ScreeningModule, DosingModule, OutcomesModule],
  controllers: [BoostersController, FollowUpSettingsController],
  providers: [BoostersRepository, BoosterFactsService, BoostersService, FollowUpSettingsService],
  exports: [BoosterFactsService, BoostersRepository],
})
export class BoostersModule {}
