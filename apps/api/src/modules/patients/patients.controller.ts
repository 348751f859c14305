import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, CurrentRequest, type RequestMeta } from '../../common/auth/current-user';
import { CurrentSessionCheck, type LiveSessionCheck, SessionCheckedByStatement } from '../../common/auth/live-session';
import { Roles } from '../../common/auth/roles.decorator';
import { UuidPipe } from '../../common/validation/uuid.pipe';
import { CreatePatientDto, PatientDto, PatientPageDto, PatientSearchDto, UpdatePatientDto } from './dto/patient.dto';
import { PatientsService } from './patients.service';

@ApiTags('patients')
@Controller('patients')
export class PatientsController {
  constructor(private readonly patients: PatientsService) {}

  @Get()
  @Roles('SCHEDULER', 'NURSE', 'CLINICIAN')
  @SessionCheckedByStatement()
  @ApiOperation({ summary: 'Search patients by name, MRN and date of birth' })
  @ApiOkResponse({ type: PatientPageDto })
  search(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Query() query: PatientSearchDto,
    @CurrentSessionCheck() live: LiveSessionCheck | undefined,
  ): Promise<PatientPageDto> {
    return this.patients.search(actor, meta, query, live);
  }

  @Post()
  @Roles('SCHEDULER')
  @ApiOperation({ summary: 'Register a patient' })
  @ApiCreatedResponse({ type: PatientDto })
  @ApiBadRequestResponse({ description: 'Invalid fields, named in errors[]' })
  @ApiConflictResponse({ description: 'The MRN is taken in this clinic' })
  create(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Body() body: CreatePatientDto,
  ): Promise<PatientDto> {
    return this.patients.create(actor, meta, body);
  }

  @Get(':id')
  @Roles('SCHEDULER', 'NURSE', 'CLINICIAN')
  @SessionCheckedByStatement()
  @ApiOperation({ summary: "A patient's record (the read is audited)" })
  @ApiOkResponse({ type: PatientDto })
  @ApiNotFoundResponse()
  get(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @CurrentSessionCheck() live: LiveSessionCheck | undefined,
  ): Promise<PatientDto> {
    return this.patients.get(actor, meta, id, live);
  }

  @Patch(':id')
  @Roles('SCHEDULER', 'NURSE', 'CLINICIAN')
  @ApiOperation({ summary: 'Edit demographics; carries the version read, a stale one answers 409' })
  @ApiOkResponse({ type: PatientDto })
  @ApiConflictResponse({ description: 'Stale version, or the MRN is taken' })
  @ApiNotFoundResponse()
  update(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdatePatientDto,
  ): Promise<PatientDto> {
    return this.patients.update(actor, meta, id, body);
  }
}
