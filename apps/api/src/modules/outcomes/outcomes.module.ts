import { Module } from '@nestjs/common';
import { ForecastController } from './forecast.controller';
import { ForecastService } from './forecast.service';
import { OutcomesController } from './outcomes.controller';
import { OutcomesRepository } from './outcomes.repository';
import { OutcomesService } from './outcomes.service';

/**
 * Outcomes: the clinic's relief curves, medians, responder rates, scores, adverse-event rates,
 * follow-up completion and boosters, aggregated in PostgreSQL, with small groups suppressed; and
 * the forecast of when a patient's relief ends, which the booster queue imports.
 */
@Module({
  controllers: [OutcomesController, ForecastController],
  providers: [OutcomesRepository, OutcomesService, ForecastService],
  exports: [ForecastService],
})
export class OutcomesModule {}
