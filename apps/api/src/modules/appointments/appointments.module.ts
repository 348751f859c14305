import { Module } from '@nestjs/common';
import { BookingModule } from '../booking/booking.module';
import { ClinicModule } from '../clinic/clinic.module';
import { SessionsModule } from '../sessions/sessions.module';
import { AppointmentsController } from './appointments.controller';
import { AppointmentsRepository } from './appointments.repository';
import { AppointmentsService } from './appointments.service';

@Module({
  imports: [BookingModule, ClinicModule, SessionsModule],
  controllers: [AppointmentsController],
  providers: [AppointmentsRepository, AppointmentsService],
})
export class AppointmentsModule {}
