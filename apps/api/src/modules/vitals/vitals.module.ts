import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { VitalsController } from './vitals.controller';
import { VitalsRepository } from './vitals.repository';
import { VitalsService } from './vitals.service';

/** The vitals flowsheet of a session: readings, their alerts, and the adverse events they draft. */
@Module({
  imports: [SessionsModule],
  controllers: [VitalsController],
  providers: [VitalsRepository, VitalsService],
})
export class VitalsModule {}
