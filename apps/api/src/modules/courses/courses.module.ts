import { Module } from '@nestjs/common';
import { BookingModule } from '../booking/booking.module';
import { BoostersModule } from '../boosters/boosters.module';
import { CoursesController } from './courses.controller';
import { CoursesRepository } from './courses.repository';
import { CoursesService } from './courses.service';

/** Course options, booking (boosters too) and cancelling, through the booking module. */
@Module({
  imports: [BookingModule, BoostersModule],
  controllers: [CoursesController],
  providers: [CoursesRepository, CoursesService],
})
export class CoursesModule {}
