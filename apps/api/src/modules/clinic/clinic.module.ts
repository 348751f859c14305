import { Module } from '@nestjs/common';
import { ClinicController } from './clinic.controller';
import { ClinicRepository } from './clinic.repository';
import { ClinicService } from './clinic.service';

// AuditRepository and the transaction host come from global modules.
@Module({ controllers: [ClinicController], providers: [ClinicRepository, ClinicService] })
export class ClinicModule {}
