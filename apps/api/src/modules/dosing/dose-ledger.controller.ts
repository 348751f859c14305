import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, CurrentActor, CurrentRequest, type RequestMeta } from '../../common/auth/current-user';
import { Roles } from '../../common/auth/roles.decorator';
import { UuidPipe } from '../../common/validation/uuid.pipe';
import { DoseLedgerService } from './dose-ledger.service';
import { CreateHomeDoseDto, DoseLedgerDto, HomeDoseDto, HomeDoseListDto } from './dto/dosing.dto';

@ApiTags('dosing')
@Controller('patients/:id')
export class DoseLedgerController {
  constructor(private readonly ledger: DoseLedgerService) {}

  @Get('dose-ledger')
  @Roles('NURSE', 'CLINICIAN')
  @ApiOperation({
    summary:
      "The cumulative-dose ledger: mg by route and rolling window (30, 90, 365 days) and all time, beside the clinic's caps",
  })
  @ApiOkResponse({ type: DoseLedgerDto })
  @ApiNotFoundResponse()
  get(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
  ): Promise<DoseLedgerDto> {
    return this.ledger.ledger(actor, meta, id);
  }

  @Post('home-doses')
  @Roles('NURSE', 'CLINICIAN')
  @ApiOperation({
    summary: 'Record a dose taken at home (counted from when it was taken); a retry with the same id is stored once',
  })
  @ApiCreatedResponse({ type: HomeDoseDto, description: 'Recorded' })
  @ApiOkResponse({ type: HomeDoseDto, description: 'A retry: the dose as stored' })
  @ApiBadRequestResponse({ description: 'Invalid fields, named in errors[]' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'ENTRY_ID_TAKEN: the id names a different dose' })
  async record(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: CreateHomeDoseDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HomeDoseDto> {
    const { created, dose } = await this.ledger.recordHomeDose(actor, meta, id, body);
    void reply.status(created ? 201 : 200);
    return dose;
  }

  @Get('home-doses')
  @Roles('NURSE', 'CLINICIAN')
  @ApiOperation({ summary: 'Doses the patient took at home, newest first' })
  @ApiOkResponse({ type: HomeDoseListDto })
  @ApiNotFoundResponse()
  list(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
  ): Promise<HomeDoseListDto> {
    return this.ledger.homeDoses(actor, meta, id);
  }
}
