import { Module } from '@nestjs/common';
import { ClinicController } from './clinic.controller';
import { ClinicRepository } from './clinic.repository';
import { ClinicService } from './clinic.service';

@Module({ controllers: [ClinicController], providers: [ClinicRepository, ClinicService] })
export class ClinicModule {}
