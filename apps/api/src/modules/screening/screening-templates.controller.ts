import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
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
import { PublishTemplateDto, TemplateDto, TemplateListDto, TemplateQueryDto } from './dto/screening.dto';
import { ScreeningTemplatesService } from './screening-templates.service';

@ApiTags('screening')
@Controller('screening-templates')
export class ScreeningTemplatesController {
  constructor(private readonly templates: ScreeningTemplatesService) {}

  @Get()
  @Roles('NURSE', 'CLINICIAN', 'ADMIN')
  @ApiOperation({
    summary: "The clinic's screening checklists: the latest version of each (all=true: every published version)",
  })
  @ApiOkResponse({ type: TemplateListDto })
  list(@CurrentActor() actor: Actor, @Query() query: TemplateQueryDto): Promise<TemplateListDto> {
    return this.templates.list(actor, query.all === 'true');
  }

  @Get(':id')
  @Roles('NURSE', 'CLINICIAN', 'ADMIN')
  @ApiOperation({ summary: "One published checklist version of the clinic's catalogue, current or superseded" })
  @ApiOkResponse({ type: TemplateDto })
  @ApiNotFoundResponse({ description: "No such version in the caller's clinic" })
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<TemplateDto> {
    return this.templates.get(actor, id);
  }

  @Post()
  @Roles('ADMIN')
  @ApiOperation({
    summary: "Publish a new version of a checklist in the admin's own clinic",
    description:
      'Publishes version max+1 of the key in the clinic. Published versions never change; screenings keep the version they used.',
  })
  @ApiCreatedResponse({ type: TemplateDto })
  @ApiBadRequestResponse({ description: 'Invalid definition; errors[] name each bad path (definition.items[3].id)' })
  publish(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Body() body: PublishTemplateDto,
  ): Promise<TemplateDto> {
    return this.templates.publish(actor, meta, body);
  }
}
