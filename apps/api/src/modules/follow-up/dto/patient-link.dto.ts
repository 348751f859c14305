import { BLADDER_SYMPTOMS, PROTOCOL_ROUTES, SUPPORTING_CARE } from '@cadence/domain';
import { ApiProperty } from '@nestjs/swagger';
import { LinkSummaryDto } from './follow-up.dto';

export class CreatedLinkMessageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['QUEUED'], description: 'Queued for the mail job (or listed for staff without SMTP)' })
  status!: string;
  @ApiProperty({ type: String, nullable: true, description: "The patient's email; null when none is on file" })
  toAddress!: string | null;
}

export class CreatedLinkDto extends LinkSummaryDto {
  @ApiProperty({
    description:
      'The link to give the patient (read out or copied by staff, or sent by the queued email). Shown once: only its hash is stored.',
  })
  url!: string;
  @ApiProperty({ type: CreatedLinkMessageDto }) message!: CreatedLinkMessageDto;
}

// What the patient's page shows: the questions, the clinic's name and the due date, nothing else.

export class ChoiceDto {
  @ApiProperty({ oneOf: [{ type: 'integer' }, { type: 'boolean' }, { type: 'string' }] }) value!:
    number | boolean | string;
  @ApiProperty() label!: string;
}

export class NrsQuestionDto {
  @ApiProperty({ enum: ['painNrsNow', 'painNrs7DayAverage'] }) field!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: Number }) min!: number;
  @ApiProperty() minLabel!: string;
  @ApiProperty({ type: Number }) max!: number;
  @ApiProperty() maxLabel!: string;
}

export class ItemDto {
  @ApiProperty() id!: string;
  @ApiProperty() text!: string;
}

export class PromisFormDto {
  @ApiProperty() title!: string;
  @ApiProperty() loinc!: string;
  @ApiProperty({ description: 'Shown before the items' }) recall!: string;
  @ApiProperty({ type: [ItemDto], description: 'PAININ9 … PAININ36, as published' }) items!: ItemDto[];
  @ApiProperty({ type: [ChoiceDto] }) options!: ChoiceDto[];
  @ApiProperty({ description: 'Shown with the items, always' }) copyrightNotice!: string;
  @ApiProperty() termsUrl!: string;
}

export class Phq9FormDto {
  @ApiProperty() title!: string;
  @ApiProperty() recall!: string;
  @ApiProperty({ type: [ItemDto], description: 'q1 … q9' }) items!: ItemDto[];
  @ApiProperty({ type: [ChoiceDto] }) options!: ChoiceDto[];
}

export class BladderQuestionDto {
  @ApiProperty({ enum: BLADDER_SYMPTOMS, enumName: 'BladderSymptom' }) symptom!: string;
  @ApiProperty() text!: string;
}

export class SupportingCareFormDto {
  @ApiProperty() text!: string;
  @ApiProperty({ type: [ChoiceDto], description: `One of ${SUPPORTING_CARE.join(', ')}` }) options!: ChoiceDto[];
}

export class HomeDoseFormDto {
  @ApiProperty() text!: string;
  @ApiProperty({ type: [ChoiceDto], description: `Routes: ${PROTOCOL_ROUTES.filter((r) => r !== 'IV').join(', ')}` })
  routes!: ChoiceDto[];
}

export class FollowUpFormDto {
  @ApiProperty({ type: [NrsQuestionDto] }) painNrs!: NrsQuestionDto[];
  @ApiProperty({ type: PromisFormDto }) painInterference!: PromisFormDto;
  @ApiProperty({ type: Phq9FormDto }) phq9!: Phq9FormDto;
  @ApiProperty({ type: [BladderQuestionDto] }) bladder!: BladderQuestionDto[];
  @ApiProperty({ type: SupportingCareFormDto }) supportingCare!: SupportingCareFormDto;
  @ApiProperty({ type: HomeDoseFormDto }) homeDoses!: HomeDoseFormDto;
  @ApiProperty({ type: Number }) noteMaxLength!: number;
}

export class PatientLinkPageDto {
  @ApiProperty() clinicName!: string;
  @ApiProperty({ format: 'date', description: 'When the follow-up is due (clinic date)' }) dueOn!: string;
  @ApiProperty({ type: FollowUpFormDto }) questions!: FollowUpFormDto;
}

export class PatientLinkSubmittedDto {
  @ApiProperty({ enum: [true] }) received!: true;
  @ApiProperty({
    description:
      'The answers asked for support at once (thoughts of self-harm): the page shows where to get help now; the clinic has been alerted',
  })
  urgentSupport!: boolean;
  @ApiProperty() message!: string;
}
