import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
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
import { ClinicianListDto, CreateUserDto, UserDto, UserListDto } from './dto/user.dto';
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
}
