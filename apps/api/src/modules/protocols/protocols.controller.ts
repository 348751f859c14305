import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, CurrentRequest, type RequestMeta } from '../../common/auth/current-user';
import { Roles } from '../../common/auth/roles.decorator';
import { ProtocolDto, ProtocolListDto, PublishProtocolDto } from './dto/protocol.dto';
import { ProtocolsService } from './protocols.service';

@ApiTags('protocols')
@Controller('protocols')
export class ProtocolsController {
  constructor(private readonly protocols: ProtocolsService) {}

  @Get()
  @Roles('SCHEDULER', 'NURSE', 'CLINICIAN', 'ADMIN')
  @ApiOperation({ summary: 'The protocol catalogue: the newest active version of each protocol' })
  @ApiOkResponse({ type: ProtocolListDto })
  list(): Promise<ProtocolListDto> {
    return this.protocols.list();
  }

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Publish a new version of a protocol (published versions never change)' })
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
