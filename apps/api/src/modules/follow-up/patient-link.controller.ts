import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { CurrentRequest, type RequestMeta } from '../../common/auth/current-user';
import { Public } from '../../common/auth/roles.decorator';
import { PatientLinkPageDto, PatientLinkSubmittedDto } from './dto/patient-link.dto';
import { FollowUpAnswersDto } from './dto/record-input.dto';
import { PatientLinksService } from './patient-links.service';

const NOT_VALID = 'This link is not valid any more (unknown, altered, used or expired: all answer alike)';

/** The patient's own follow-up page, through their link; no login. */
@ApiTags('patient link')
@Controller('patient-link')
export class PatientLinkController {
  constructor(private readonly links: PatientLinksService) {}

  @Get(':token')
  @Public()
  @ApiOperation({
    summary: 'The questions of the follow-up the link is for, the clinic name and the due date: nothing else',
  })
  @ApiOkResponse({ type: PatientLinkPageDto })
  @ApiNotFoundResponse({ description: NOT_VALID })
  @ApiTooManyRequestsResponse({ description: 'Too many requests from this address' })
  page(@CurrentRequest() meta: RequestMeta, @Param('token') token: string): Promise<PatientLinkPageDto> {
    return this.links.page(meta, token);
  }

  @Post(':token')
  @Public()
  @ApiOperation({
    summary: "Submit the patient's answers, once",
    description:
      'Every answer is required, as for a nurse. The link is used by the first submission that is stored; an invalid one leaves it usable.',
  })
  @ApiCreatedResponse({ type: PatientLinkSubmittedDto })
  @ApiBadRequestResponse({ description: 'Missing or invalid answers, each field and rule named in errors[]' })
  @ApiNotFoundResponse({ description: NOT_VALID })
  @ApiTooManyRequestsResponse({ description: 'Too many requests from this address' })
  submit(
    @CurrentRequest() meta: RequestMeta,
    @Param('token') token: string,
    @Body() body: FollowUpAnswersDto,
  ): Promise<PatientLinkSubmittedDto> {
    return this.links.submit(meta, token, body);
  }
}
