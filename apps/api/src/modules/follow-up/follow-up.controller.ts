import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
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
import {
  BladderReviewQueueDto,
  FollowUpDto,
  FollowUpRecordDto,
  FollowUpRecordedDto,
  PatientFollowUpsDto,
  WorklistPageDto,
  WorklistQueryDto,
} from './dto/follow-up.dto';
import { CreatedLinkDto } from './dto/patient-link.dto';
import { BladderReviewDto, RecordFollowUpDto } from './dto/record-input.dto';
import { FollowUpReadsService } from './follow-up-reads.service';
import { FollowUpRecordsService } from './follow-up-records.service';
import { PatientLinksService } from './patient-links.service';
import { WorklistService } from './worklist.service';

@ApiTags('follow-up')
@Controller()
export class FollowUpController {
  constructor(
    private readonly worklist: WorklistService,
    private readonly reads: FollowUpReadsService,
    private readonly records: FollowUpRecordsService,
    private readonly links: PatientLinksService,
  ) {}

  @Get('follow-ups/worklist')
  @Roles('NURSE', 'CLINICIAN')
  @ApiOperation({
    summary: "The clinic's follow-up worklist, most urgent first",
    description:
      'Overdue follow-ups closing soonest, then those due by due date, then those missed in the last 7 days, latest first; each with its status and reasons now, its window, the patient and how to reach them, the course, and the last scores. Follow-ups of a course superseded by a later course that has begun are left off.',
  })
  @ApiOkResponse({ type: WorklistPageDto })
  @ApiBadRequestResponse({ description: 'Invalid page or pageSize' })
  page(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Query() query: WorklistQueryDto,
  ): Promise<WorklistPageDto> {
    return this.worklist.page(actor, meta, query);
  }

  @Get('follow-ups/:id')
  @Roles('NURSE', 'CLINICIAN')
  @ApiOperation({ summary: 'A follow-up: its window, its status now with the reasons, its records and the links sent' })
  @ApiOkResponse({ type: FollowUpDto })
  @ApiNotFoundResponse()
  get(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
  ): Promise<FollowUpDto> {
    return this.reads.get(actor, meta, id);
  }

  @Post('follow-ups/:id/records')
  @Roles('NURSE')
  @ApiOperation({
    summary: 'Record a follow-up taken by phone or in person',
    description:
      "Every answer is required (pain now and over 7 days, the six PROMIS PI 6a items, PHQ-9, the five bladder questions, supporting care and home doses, either possibly empty). Home doses join the patient's dose ledger. A record inside the window completes the follow-up; one outside is kept and named in the status reasons. PHQ-9 item 9 above 0 alerts every clinician at once. The id comes from the client: a retry with the same id and content answers 200 with the stored record.",
  })
  @ApiCreatedResponse({ type: FollowUpRecordedDto, description: 'Recorded' })
  @ApiOkResponse({ type: FollowUpRecordedDto, description: 'A retry: the record as stored' })
  @ApiBadRequestResponse({ description: 'Missing or invalid answers, each field and rule named in errors[]' })
  @ApiConflictResponse({ description: 'ENTRY_ID_TAKEN: the id names a different record' })
  @ApiNotFoundResponse()
  async record(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: RecordFollowUpDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FollowUpRecordedDto> {
    const { created, answer } = await this.records.record(actor, meta, id, body);
    void reply.status(created ? 201 : 200);
    return answer;
  }

  @Post('follow-ups/:id/link')
  @Roles('NURSE')
  @ApiOperation({
    summary: "Make the patient's own link to this follow-up and queue it by email",
    description:
      "A signed, single-use link that expires after the configured days (7) or when the window closes, whichever is first; only its hash is stored. A FOLLOW_UP_LINK message is queued to the patient's email (none on file: toAddress null, for staff to pass on). The URL is answered once, to read out or copy.",
  })
  @ApiCreatedResponse({ type: CreatedLinkDto })
  @ApiConflictResponse({ description: 'The follow-up is completed, its window has not opened, or has closed' })
  @ApiNotFoundResponse()
  createLink(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
  ): Promise<CreatedLinkDto> {
    return this.links.create(actor, meta, id);
  }

  @Get('follow-up-records/bladder-reviews')
  @Roles('CLINICIAN')
  @ApiOperation({
    summary: "The clinic's follow-up records with a yes bladder answer awaiting a clinician's review, oldest first",
    description: "Each holds the patient's next booster until reviewed. Audited as a search of each patient listed.",
  })
  @ApiOkResponse({ type: BladderReviewQueueDto })
  bladderReviews(@CurrentActor() actor: Actor, @CurrentRequest() meta: RequestMeta): Promise<BladderReviewQueueDto> {
    return this.reads.bladderReviews(actor, meta);
  }

  @Post('follow-up-records/:id/bladder-review')
  @HttpCode(200)
  @Roles('CLINICIAN')
  @ApiOperation({
    summary: "A clinician's review of a record's yes answers to the bladder questions (once)",
    description: 'Needed before a booster. The record itself never changes; only the review is added, once.',
  })
  @ApiOkResponse({ type: FollowUpRecordDto })
  @ApiBadRequestResponse({ description: 'No note' })
  @ApiConflictResponse({ description: 'Reviewed already, or no bladder symptom answered yes' })
  @ApiNotFoundResponse()
  reviewBladder(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: BladderReviewDto,
  ): Promise<FollowUpRecordDto> {
    return this.records.reviewBladder(actor, meta, id, body);
  }

  @Get('patients/:id/follow-ups')
  @Roles('NURSE', 'CLINICIAN')
  @ApiOperation({
    summary: "The patient's follow-up timeline",
    description:
      'Every course (protocol, kind, baseline pain, sessions with pain before and after), its follow-ups with records and scores, how long its relief lasted (libs/domain courseRelief), and every dose taken at home.',
  })
  @ApiOkResponse({ type: PatientFollowUpsDto })
  @ApiNotFoundResponse()
  timeline(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
  ): Promise<PatientFollowUpsDto> {
    return this.reads.patientFollowUps(actor, meta, id);
  }
}
