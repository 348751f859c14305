import { Module } from '@nestjs/common';
import { OutcomesController } from './outcomes.controller';
import { OutcomesRepository } from './outcomes.repository';
import { OutcomesService } from './outcomes.service';

/**
 * Outcomes: the clinic's relief curves, medians, responder rates, scores, adverse-event rates,
 * follow-up completion and boosters, aggregated in PostgreSQL, with small groups suppressed.
 */
@Module({
  controllers: [OutcomesController],
  providers: [OutcomesRepository, OutcomesService],
  exports: [OutcomesRepository],
})
export class OutcomesModule {}
