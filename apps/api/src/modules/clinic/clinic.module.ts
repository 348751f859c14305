import { Module } from '@nestjs/common';
import { BookingsToMove } from './bookings-to-move';
import { ClinicController } from './clinic.controller';
import { ClinicRepository } from './clinic.repository';
import { ClinicService } from './clinic.service';

// AuditRepository and the transaction host come from global modules. The chair board reads
// BookingsToMove to mark the sessions the front desk must move.
@Module({
  controllers: [ClinicController],
  providers: [ClinicRepository, ClinicService, BookingsToMove],
  exports: [BookingsToMove],
})
export class ClinicModule {}
