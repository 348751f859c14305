import { Module } from '@nestjs/common';
import { CoursesModule } from '../courses/courses.module';
import { ScreeningModule } from '../screening/screening.module';
import { AppointmentsController } from './appointments.controller';
import { AppointmentsRepository } from './appointments.repository';
import { AppointmentsService } from './appointments.service';

@Module({
  imports: [CoursesModule, ScreeningModule],
  controllers: [AppointmentsController],
  providers: [AppointmentsRepository, AppointmentsService],
})
export class AppointmentsModule {}
