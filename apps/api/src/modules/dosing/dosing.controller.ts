import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, CurrentActor, CurrentRequest, type RequestMeta } from '../../common/auth/current-user';
import { Roles } from '../../common/auth/roles.decorator';
import { UuidPipe } from '../../common/validation/uuid.pipe';
import { DosingService } from './dosing.service';
import { CreateDoseEventDto, CreateOrderDto, OrderDto, RecordedDoseEventDto, SessionDosingDto } from './dto/dosing.dto';

@ApiTags('dosing')
@Controller('sessions/:id')
export class DosingController {
  constructor(private readonly dosing: DosingService) {}

  @Post('orders')
  @Roles('CLINICIAN')
  @ApiOperation({
    summary:
      "The clinician's order: mg/kg/h (or mg/kg) × today's weight → rate (or dose) and expected total, checked against the protocol's range and every cap",
  })
  @ApiCreatedResponse({ type: OrderDto })
  @ApiBadRequestResponse({ description: 'Invalid fields, named in errors[]' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'INVALID_TRANSITION: the session is past the stop' })
  @ApiUnprocessableEntityResponse({
    description:
      'DOSE_REFUSED: each rule that holds the dose in reasons[] (relative ones until override.accepts names them)',
  })
  order(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: CreateOrderDto,
  ): Promise<OrderDto> {
    return this.dosing.order(actor, meta, id, body);
  }

  @Post('dose-events')
  @Roles('NURSE', 'CLINICIAN')
  @ApiOperation({
    summary:
      'A step at the chair: START (starts the session), RATE, STOP (to recovery) or BOLUS; a retry with the same id is stored once',
  })
  @ApiCreatedResponse({ type: RecordedDoseEventDto, description: 'Recorded' })
  @ApiOkResponse({ type: RecordedDoseEventDto, description: 'A retry: the step as stored' })
  @ApiBadRequestResponse({ description: 'Invalid fields, named in errors[]' })
  @ApiForbiddenResponse({ description: 'An override from someone who is not a clinician' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({
    description:
      'INVALID_TRANSITION (wrong state, no order, out of sequence) or ENTRY_ID_TAKEN (the id names different content)',
  })
  @ApiUnprocessableEntityResponse({
    description: 'START_REFUSED (check-in not cleared), NOT_ELIGIBLE today, or DOSE_REFUSED with reasons[]',
  })
  async doseEvent(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: CreateDoseEventDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RecordedDoseEventDto> {
    const { created, event } = await this.dosing.recordEvent(actor, meta, id, body);
    void reply.status(created ? 201 : 200);
    return event;
  }

  @Get('dosing')
  @Roles('NURSE', 'CLINICIAN')
  @ApiOperation({
    summary: "The session's orders, steps, rate segments, mg given, expected total, current rate and each cap",
  })
  @ApiOkResponse({ type: SessionDosingDto })
  @ApiNotFoundResponse()
  get(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
  ): Promise<SessionDosingDto> {
    return this.dosing.sessionDosing(actor, meta, id);
  }
}
