import { Module } from '@nestjs/common';
import { EligibilityController } from './eligibility.controller';
import { EligibilityService } from './eligibility.service';
import { ScreeningRepository } from './screening.repository';

/**
 * Screening checklists, the nurse → clinician workflow, and the eligibility gate. Other modules
 * (booking, infusion) import this module for EligibilityService.
 */
@Module({
  controllers: [EligibilityController],
  providers: [ScreeningRepository, EligibilityService],
  exports: [EligibilityService],
})
export class ScreeningModule {}
