import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, CurrentRequest, type RequestMeta } from '../../common/auth/current-user';
import { Roles } from '../../common/auth/roles.decorator';
import { PublishTemplateDto, TemplateDto, TemplateListDto, TemplateQueryDto } from './dto/screening.dto';
import { ScreeningTemplatesService } from './screening-templates.service';

@ApiTags('screening')
@Controller('screening-templates')
export class ScreeningTemplatesController {
  constructor(private readonly templates: ScreeningTemplatesService) {}

  @Get()
  @Roles('NURSE', 'CLINICIAN', 'ADMIN')
  @ApiOperation({ summary: 'Screening checklists: the latest version of each (all=true: every published version)' })
  @ApiOkResponse({ type: TemplateListDto })
  list(@Query() query: TemplateQueryDto): Promise<TemplateListDto> {
    return this.templates.list(query.all === 'true');
  }

  @Post()
  @Roles('ADMIN')
  @ApiOperation({
    summary: 'Publish a new version of a checklist',
    description:
      'Publishes version max+1 of the key. Published versions never change; screenings keep the version they used.',
  })
  @ApiCreatedResponse({ type: TemplateDto })
  @ApiBadRequestResponse({ description: 'Invalid definition; errors[] name each bad path (definition.items[3].id)' })
  @ApiConflictResponse({ description: 'Another version of the key was published at the same moment' })
  publish(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Body() body: PublishTemplateDto,
  ): Promise<TemplateDto> {
    return this.templates.publish(actor, meta, body);
  }
}
