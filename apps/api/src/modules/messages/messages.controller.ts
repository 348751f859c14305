import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, CurrentRequest, type RequestMeta } from '../../common/auth/current-user';
import { Roles } from '../../common/auth/roles.decorator';
import { UuidPipe } from '../../common/validation/uuid.pipe';
import { MessageDto, OutboxPageDto, OutboxQueryDto } from './dto/message.dto';
import { MessagesService } from './messages.service';

// Messages name patients and carry their appointments: the clinical roles read them; the front
// desk and the nurses, who contact patients, act on them. Admins see no patient data here.
@ApiTags('messages')
@Controller('messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Get()
  @Roles('SCHEDULER', 'NURSE', 'CLINICIAN')
  @ApiOperation({
    summary:
      "The outbox: the clinic's emails to patients in one status, newest first; by default those waiting for staff (no mail server or no address: MANUAL; retries used up: FAILED)",
  })
  @ApiOkResponse({ type: OutboxPageDto })
  outbox(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Query() query: OutboxQueryDto,
  ): Promise<OutboxPageDto> {
    return this.messages.outbox(actor, meta, query);
  }

  @Post(':id/sent-by-hand')
  @HttpCode(200)
  @Roles('SCHEDULER', 'NURSE')
  @ApiOperation({ summary: 'Record that a MANUAL or FAILED message was sent by hand (by email, phone or post)' })
  @ApiOkResponse({ type: MessageDto })
  @ApiConflictResponse({ description: 'The message is not MANUAL or FAILED (already sent, queued or cancelled)' })
  @ApiNotFoundResponse()
  sentByHand(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
  ): Promise<MessageDto> {
    return this.messages.sentByHand(actor, meta, id);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Roles('SCHEDULER', 'NURSE')
  @ApiOperation({
    summary: "Queue a MANUAL or FAILED message again, to the patient's email as it is now, with its attempts reset",
  })
  @ApiOkResponse({ type: MessageDto })
  @ApiConflictResponse({
    description: 'The message is not MANUAL or FAILED, no mail server is configured, or the patient has no email',
  })
  @ApiNotFoundResponse()
  retry(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
  ): Promise<MessageDto> {
    return this.messages.retry(actor, meta, id);
  }
}
