import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
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
import { Roles } from '../../common/auth/roles.decorator';
import { UuidPipe } from '../../common/validation/uuid.pipe';
import { ClinicianListDto, CreateUserDto, ResetPasswordDto, UpdateUserDto, UserDto, UserListDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('staff')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles('ADMIN')
  @ApiOperation({ summary: "The clinic's staff accounts" })
  @ApiOkResponse({ type: UserListDto })
  async list(@CurrentActor() actor: Actor): Promise<UserListDto> {
    return { items: await this.users.list(actor) };
  }

  @Get('clinicians')
  @Roles('NURSE', 'CLINICIAN')
  @ApiOperation({ summary: "The clinic's active clinicians, who may supervise an infusion session" })
  @ApiOkResponse({ type: ClinicianListDto })
  async clinicians(@CurrentActor() actor: Actor): Promise<ClinicianListDto> {
    return { items: await this.users.clinicians(actor) };
  }

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Create a staff account' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiConflictResponse({ description: 'The email is taken' })
  create(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Body() body: CreateUserDto,
  ): Promise<UserDto> {
    return this.users.create(actor, meta, body);
  }

  @Post(':id/deactivate')
  @Roles('ADMIN')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate a staff account and end its sessions' })
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse()
  deactivate(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
  ): Promise<UserDto> {
    return this.users.deactivate(actor, meta, id);
  }

  @Patch(':id')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Rename a staff account or replace its roles (an admin keeps their own ADMIN role)' })
  @ApiOkResponse({ type: UserDto })
  @ApiBadRequestResponse({ description: 'Invalid fields or nothing to change, named in errors[]' })
  @ApiNotFoundResponse()
  update(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserDto> {
    return this.users.update(actor, meta, id, body);
  }

  @Post(':id/reset-password')
  @Roles('ADMIN')
  @HttpCode(200)
  @ApiOperation({ summary: "Set a new password on a staff account and end the account's sessions" })
  @ApiOkResponse({ type: UserDto })
  @ApiBadRequestResponse({ description: 'The password is too short or too long' })
  @ApiNotFoundResponse()
  resetPassword(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: ResetPasswordDto,
  ): Promise<UserDto> {
    return this.users.resetPassword(actor, meta, id, body);
  }

  @Post(':id/reactivate')
  @Roles('ADMIN')
  @HttpCode(200)
  @ApiOperation({ summary: 'Let a deactivated staff account sign in again' })
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse()
  reactivate(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
  ): Promise<UserDto> {
    return this.users.reactivate(actor, meta, id);
  }
}
