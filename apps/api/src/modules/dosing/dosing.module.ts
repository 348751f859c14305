import { Module } from '@nestjs/common';
import { ScreeningModule } from '../screening/screening.module';
import { SessionsModule } from '../sessions/sessions.module';
import { DoseLedgerController } from './dose-ledger.controller';
import { DoseLedgerService } from './dose-ledger.service';
import { DosingController } from './dosing.controller';
import { DosingRepository } from './dosing.repository';
import { DosingService } from './dosing.service';

/** Orders, what was given at the chair, home doses and the cumulative-dose ledger. */
@Module({
  imports: [SessionsModule, ScreeningModule],
  controllers: [DosingController, DoseLedgerController],
  providers: [DosingRepository, DosingService, DoseLedgerService],
  // Boosters count every dose against the caps from the same history.
  exports: [DosingRepository],
})
export class DosingModule {}
