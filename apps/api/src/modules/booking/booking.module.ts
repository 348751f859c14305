import { Module } from '@nestjs/common';
import { ScreeningModule } from '../screening/screening.module';
import { BookingRepository } from './booking.repository';
import { BookingService } from './booking.service';
import { CapacityRepository } from './capacity.repository';
import { PlanningService } from './planning.service';

/**
 * Booking's one home: capacity loading, slot search and plan re-checks, the clinic's booking lock
 * and the patient's eligibility lock, and the plan errors. Courses, appointments (and boosters)
 * use it only through these exports and the files `booking.errors.ts`, `instants.ts`, `dto/`.
 */
@Module({
  imports: [ScreeningModule],
  providers: [BookingRepository, CapacityRepository, PlanningService, BookingService],
  exports: [PlanningService, BookingService],
})
export class BookingModule {}
