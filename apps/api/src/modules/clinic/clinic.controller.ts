import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, CurrentRequest, type RequestMeta } from '../../common/auth/current-user';
import { Roles } from '../../common/auth/roles.decorator';
import { UuidPipe } from '../../common/validation/uuid.pipe';
import {
  BookingToMoveDto,
  ChairDto,
  ClinicDto,
  ClosurePreviewDto,
  CreateChairDto,
  CreateClosureDto,
  CreatedClosureDto,
  CreatedNurseShiftDto,
  CreateNurseShiftDto,
  RemovedNurseShiftDto,
  ReplaceOpeningHoursDto,
  UpdateChairDto,
  UpdateClinicDto,
  UpdatedChairDto,
  UpdatedClinicDto,
} from './dto/clinic.dto';
import { ClinicService } from './clinic.service';

@ApiTags('clinic')
@Controller('clinic')
export class ClinicController {
  constructor(private readonly clinic: ClinicService) {}

  @Get()
  @Roles('ADMIN', 'SCHEDULER', 'NURSE', 'CLINICIAN')
  @ApiOperation({ summary: "The signed-in user's clinic: settings, opening hours, closures, nurse shifts and chairs" })
  @ApiOkResponse({ type: ClinicDto })
  get(@CurrentActor() actor: Actor): Promise<ClinicDto> {
    return this.clinic.get(actor);
  }

  @Patch()
  @Roles('ADMIN')
  @ApiOperation({
    summary: 'Change clinic settings (time zone, nurse ratio, blood-pressure limits, screening validity)',
  })
  @ApiOkResponse({ type: UpdatedClinicDto })
  @ApiBadRequestResponse({ description: 'Invalid fields, named in errors[]' })
  update(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Body() body: UpdateClinicDto,
  ): Promise<UpdatedClinicDto> {
    return this.clinic.updateSettings(actor, meta, body);
  }

  @Get('bookings-to-move')
  @Roles('SCHEDULER')
  @ApiOperation({
    summary:
      'Bookings the front desk must move or cancel: on a closed day, a chair out of service, or over the nurse ratio',
    description: 'Names the patients to call; each patient named is audited as a read of their record.',
  })
  @ApiOkResponse({ type: [BookingToMoveDto] })
  bookingsToMove(@CurrentActor() actor: Actor, @CurrentRequest() meta: RequestMeta): Promise<BookingToMoveDto[]> {
    return this.clinic.bookingsToMove(actor, meta);
  }

  @Put('opening-hours')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Replace every opening window of the week (clinic-local times)' })
  @ApiOkResponse({ type: ClinicDto })
  @ApiBadRequestResponse({ description: 'Invalid or overlapping windows, named in errors[]' })
  replaceOpeningHours(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Body() body: ReplaceOpeningHoursDto,
  ): Promise<ClinicDto> {
    return this.clinic.replaceOpeningHours(actor, meta, body);
  }

  @Post('closures')
  @Roles('ADMIN')
  @ApiOperation({
    summary: 'Close the outpatient chairs for a run of days (holidays, training)',
    description: 'The closure is stored even when bookings fall on it; the answer lists them, without patient data.',
  })
  @ApiCreatedResponse({ type: CreatedClosureDto })
  addClosure(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Body() body: CreateClosureDto,
  ): Promise<CreatedClosureDto> {
    return this.clinic.addClosure(actor, meta, body);
  }

  @Post('closures/preview')
  @Roles('ADMIN')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The bookings a proposed closure would strand, before it is added; nothing is stored',
    description: 'Validated as POST /api/clinic/closures; lists times and chairs, without patient data.',
  })
  @ApiOkResponse({ type: ClosurePreviewDto })
  @ApiBadRequestResponse({ description: 'Invalid dates or reason, named in errors[]' })
  previewClosure(@CurrentActor() actor: Actor, @Body() body: CreateClosureDto): Promise<ClosurePreviewDto> {
    return this.clinic.previewClosure(actor, body);
  }

  @Delete('closures/:id')
  @Roles('ADMIN')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a closure' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  deleteClosure(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
  ): Promise<void> {
    return this.clinic.deleteClosure(actor, meta, id);
  }

  @Post('nurse-shifts')
  @Roles('ADMIN')
  @ApiOperation({
    summary: 'Add a weekly rota row or a dated nurse shift (which replaces the rota for its day)',
    description: 'The answer lists the booked sessions the change leaves over the nurse ratio, without patient data.',
  })
  @ApiCreatedResponse({ type: CreatedNurseShiftDto })
  addNurseShift(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Body() body: CreateNurseShiftDto,
  ): Promise<CreatedNurseShiftDto> {
    return this.clinic.addNurseShift(actor, meta, body);
  }

  @Delete('nurse-shifts/:id')
  @Roles('ADMIN')
  @ApiOperation({
    summary: 'Remove a nurse shift',
    description: 'The answer lists the booked sessions the removal leaves over the nurse ratio, without patient data.',
  })
  @ApiOkResponse({ type: RemovedNurseShiftDto })
  @ApiNotFoundResponse()
  deleteNurseShift(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
  ): Promise<RemovedNurseShiftDto> {
    return this.clinic.deleteNurseShift(actor, meta, id);
  }

  @Post('chairs')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Add a chair, bed or room' })
  @ApiCreatedResponse({ type: ChairDto })
  @ApiConflictResponse({ description: 'The name is taken in this clinic' })
  addChair(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Body() body: CreateChairDto,
  ): Promise<ChairDto> {
    return this.clinic.addChair(actor, meta, body);
  }

  @Patch('chairs/:id')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Rename a chair or take it in or out of service' })
  @ApiOkResponse({ type: UpdatedChairDto })
  @ApiConflictResponse({ description: 'The name is taken in this clinic' })
  @ApiNotFoundResponse()
  updateChair(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateChairDto,
  ): Promise<UpdatedChairDto> {
    return this.clinic.updateChair(actor, meta, id, body);
  }
}
