import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, CurrentActor, CurrentRequest, type RequestMeta } from '../../common/auth/current-user';
import { Roles } from '../../common/auth/roles.decorator';
import { ComparisonQueryDto, OutcomesQueryDto } from './dto/outcomes-query.dto';
import {
  AdverseEventsDto,
  BoostersDto,
  CompletionDto,
  ComparisonDto,
  MediansDto,
  ReliefCurvesDto,
  RespondersDto,
  ScoresDto,
} from './dto/outcomes.dto';
import { figureRows, toCsv } from './outcomes.csv';
import { OutcomesService, type OutcomeFigure } from './outcomes.service';

const CSV_NOTE =
  ' Answers text/csv (one row per point, the same numbers) with `Accept: text/csv` or `format=csv`.' +
  ' Groups below the suppression size are withheld; each figure is audited as an aggregate read (an export for CSV), naming no patient.';

@ApiTags('outcomes')
@Controller('outcomes')
@Roles('ADMIN', 'CLINICIAN')
export class OutcomesController {
  constructor(private readonly outcomes: OutcomesService) {}

  private async answer(
    figure: OutcomeFigure,
    actor: Actor,
    meta: RequestMeta,
    query: OutcomesQueryDto | ComparisonQueryDto,
    accept: string | undefined,
    reply: FastifyReply,
  ) {
    const { groupBy, format, ...filters } = query;
    const csv = format === 'csv' || (format !== 'json' && /\btext\/csv\b/i.test(accept ?? ''));
    const answer = await this.outcomes.figure(actor, meta, figure, { filters, groupBy, export: csv });
    if (!csv) return answer;
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="outcomes-${figure}.csv"`);
    return toCsv(figureRows(figure, answer));
  }

  @Get('relief-curves')
  @ApiOperation({
    summary: 'Kaplan–Meier curves of time to loss of relief, with 95 % bands, numbers at risk and the median',
    description: 'One curve per group (groupBy), with the log-rank test when two or more are shown.' + CSV_NOTE,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ReliefCurvesDto })
  @ApiBadRequestResponse({ description: 'A filter that is not one of its values' })
  reliefCurves(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Query() query: OutcomesQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReliefCurvesDto | string> {
    return this.answer('relief-curves', actor, meta, query, accept, reply) as Promise<ReliefCurvesDto | string>;
  }

  @Get('medians')
  @ApiOperation({
    summary: 'Median relief duration with its interval, and the quartiles, per group',
    description: CSV_NOTE,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: MediansDto })
  @ApiBadRequestResponse()
  medians(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Query() query: OutcomesQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MediansDto | string> {
    return this.answer('medians', actor, meta, query, accept, reply) as Promise<MediansDto | string>;
  }

  @Get('responders')
  @ApiOperation({
    summary: 'Responder rates at 2 weeks, 1, 3 and 6 months (≥ 30 %, ≥ 50 %, ≥ 2 points) with Wilson intervals',
    description: "Each milestone's first follow-up record against the course's baseline pain." + CSV_NOTE,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: RespondersDto })
  @ApiBadRequestResponse()
  responders(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Query() query: OutcomesQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RespondersDto | string> {
    return this.answer('responders', actor, meta, query, accept, reply) as Promise<RespondersDto | string>;
  }

  @Get('scores')
  @ApiOperation({
    summary: 'PROMIS Pain Interference T and PHQ-9 at each follow-up, and their change',
    description: CSV_NOTE,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ScoresDto })
  @ApiBadRequestResponse()
  scores(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Query() query: OutcomesQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScoresDto | string> {
    return this.answer('scores', actor, meta, query, accept, reply) as Promise<ScoresDto | string>;
  }

  @Get('adverse-events')
  @ApiOperation({
    summary: 'Confirmed adverse events per 100 sessions, by CTCAE term and grade',
    description: CSV_NOTE,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: AdverseEventsDto })
  @ApiBadRequestResponse()
  adverseEvents(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Query() query: OutcomesQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AdverseEventsDto | string> {
    return this.answer('adverse-events', actor, meta, query, accept, reply) as Promise<AdverseEventsDto | string>;
  }

  @Get('follow-up-completion')
  @ApiOperation({
    summary: 'Follow-up windows closed with a record, by offset, with Wilson intervals',
    description: CSV_NOTE,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: CompletionDto })
  @ApiBadRequestResponse()
  completion(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Query() query: OutcomesQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CompletionDto | string> {
    return this.answer('follow-up-completion', actor, meta, query, accept, reply) as Promise<CompletionDto | string>;
  }

  @Get('boosters')
  @ApiOperation({ summary: 'Boosters per patient and the median time to the first booster', description: CSV_NOTE })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: BoostersDto })
  @ApiBadRequestResponse()
  boosters(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Query() query: OutcomesQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BoostersDto | string> {
    return this.answer('boosters', actor, meta, query, accept, reply) as Promise<BoostersDto | string>;
  }

  @Get('comparison')
  @ApiOperation({
    summary: 'Relief compared across the groups of groupBy: medians side by side and the log-rank test',
    description:
      'Narrow the groups with the filters (e.g. groupBy=painMechanism&painMechanism=NEUROPATHIC,NOCICEPTIVE).' +
      CSV_NOTE,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ComparisonDto })
  @ApiBadRequestResponse({ description: 'groupBy missing or not one of its values' })
  comparison(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Query() query: ComparisonQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ComparisonDto | string> {
    return this.answer('comparison', actor, meta, query, accept, reply) as Promise<ComparisonDto | string>;
  }
}
