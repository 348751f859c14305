import { Module } from '@nestjs/common';
import { EligibilityController } from './eligibility.controller';
import { EligibilityService } from './eligibility.service';
import { ScreeningTemplatesController } from './screening-templates.controller';
import { ScreeningTemplatesRepository } from './screening-templates.repository';
import { ScreeningTemplatesService } from './screening-templates.service';
import { ScreeningChanges } from './screening-changes';
import { ScreeningController } from './screening.controller';
import { ScreeningRepository } from './screening.repository';
import { ScreeningReviewService } from './screening-review.service';
import { ScreeningWorkflowService } from './screening-workflow.service';

/**
 * Screening checklists, the nurse → clinician workflow, and the eligibility gate. Other modules
 * (booking, infusion) import this module for EligibilityService.
 */
@Module({
  controllers: [ScreeningTemplatesController, ScreeningController, EligibilityController],
  providers: [
    ScreeningRepository,
    ScreeningTemplatesRepository,
    ScreeningChanges,
    ScreeningWorkflowService,
    ScreeningReviewService,
    ScreeningTemplatesService,
    EligibilityService,
  ],
  exports: [EligibilityService],
})
export class ScreeningModule {}
