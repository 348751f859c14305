import { Module } from '@nestjs/common';
import { BookingModule } from '../booking/booking.module';
import { CoursesController } from './courses.controller';
import { CoursesRepository } from './courses.repository';
import { CoursesService } from './courses.service';

/** Course options, booking and cancelling, through the booking module. */
@Module({
  imports: [BookingModule],
  controllers: [CoursesController],
  providers: [CoursesRepository, CoursesService],
})
export class CoursesModule {}
