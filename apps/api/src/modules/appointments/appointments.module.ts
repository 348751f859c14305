import { Module } from '@nestjs/common';
import { BookingModule } from '../booking/booking.module';
import { ClinicModule } from '../clinic/clinic.module';
import { SessionsModule } from '../sessions/sessions.module';
import { AppointmentsController } from './appointments.controller';
import { AppointmentsRepository } from './appointments.repository';
import { AppointmentsService } from './appointments.service';
import { OccupancyRepository } from './occupancy.repository';
import { OccupancyService } from './occupancy.service';
import { ReplanController } from './replan.controller';
import { ReplanService } from './replan.service';

@Module({
  imports: [BookingModule, ClinicModule, SessionsModule],
  controllers: [AppointmentsController, ReplanController],
  providers: [AppointmentsRepository, AppointmentsService, ReplanService, OccupancyRepository, OccupancyService],
})
export class AppointmentsModule {}
