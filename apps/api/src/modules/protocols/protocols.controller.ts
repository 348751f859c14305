import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, CurrentRequest, type RequestMeta } from '../../common/auth/current-user';
import { Roles } from '../../common/auth/roles.decorator';
import { UuidPipe } from '../../common/validation/uuid.pipe';
import { ProtocolDto, ProtocolListDto, PublishProtocolDto } from './dto/protocol.dto';
import { ProtocolsService } from './protocols.service';

@ApiTags('protocols')
@Controller('protocols')
export class ProtocolsController {
  constructor(private readonly protocols: ProtocolsService) {}

  @Get()
  @Roles('SCHEDULER', 'NURSE', 'CLINICIAN', 'ADMIN')
  @ApiOperation({ summary: "The clinic's protocol catalogue: the newest active version of each protocol" })
  @ApiOkResponse({ type: ProtocolListDto })
  list(@CurrentActor() actor: Actor): Promise<ProtocolListDto> {
    return this.protocols.list(actor);
  }

  @Get(':id')
  @Roles('SCHEDULER', 'NURSE', 'CLINICIAN', 'ADMIN')
  @ApiOperation({ summary: "One published protocol version of the clinic's catalogue, current or superseded" })
  @ApiOkResponse({ type: ProtocolDto })
  @ApiNotFoundResponse({ description: "No such version in the caller's clinic" })
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<ProtocolDto> {
    return this.protocols.get(actor, id);
  }

  @Post()
  @Roles('ADMIN')
  @ApiOperation({
    summary: "Publish a new version of a protocol in the admin's own clinic (published versions never change)",
  })
  @ApiCreatedResponse({ type: ProtocolDto })
  @ApiBadRequestResponse({ description: 'Invalid fields or protocol definition, named in errors[]' })
  publish(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Body() body: PublishProtocolDto,
  ): Promise<ProtocolDto> {
    return this.protocols.publish(actor, meta, body);
  }
}
