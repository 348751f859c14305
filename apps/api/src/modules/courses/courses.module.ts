import { Module } from '@nestjs/common';
import { ScreeningModule } from '../screening/screening.module';
import { CapacityRepository } from './capacity.repository';
import { CoursesController } from './courses.controller';
import { CoursesRepository } from './courses.repository';
import { CoursesService } from './courses.service';
import { PlanningService } from './planning.service';

/** Course options and booking; exports capacity loading and planning for rescheduling. */
@Module({
  imports: [ScreeningModule],
  controllers: [CoursesController],
  providers: [CapacityRepository, PlanningService, CoursesRepository, CoursesService],
  exports: [CapacityRepository, PlanningService, CoursesRepository],
})
export class CoursesModule {}
