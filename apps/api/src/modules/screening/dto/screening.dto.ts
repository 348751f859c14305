import { OVERRIDE_REASON_MIN_LENGTH, RECHECKABLE, ROLES, type RecheckCheck, type Role } from '@cadence/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { SCREENING_KINDS, SCREENING_STATES, type ScreeningKind, type ScreeningState } from '@cadence/domain';

export const SCREENING_RESULTS = ['ELIGIBLE', 'NEEDS_REVIEW', 'CONTRAINDICATED'] as const;
const NOT_BLANK = /\S/;

const FREE_FORM = { type: 'object', additionalProperties: true } as const;

// ---------------------------------------------------------------------------------------------
// Templates

export class TemplateQueryDto {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: every published version, not only the latest of each key',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  all?: 'true' | 'false';
}

export class TemplateDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'cardiovascular' }) key!: string;
  @ApiProperty({ enum: SCREENING_KINDS, enumName: 'ScreeningKind' }) kind!: ScreeningKind;
  @ApiProperty({ type: Number, example: 1 }) version!: number;
  @ApiProperty() title!: string;
  @ApiProperty({
    ...FREE_FORM,
    description: 'The checklist as libs/domain defines it: { key, kind, version, title, items[] }',
  })
  definition!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
}

export class TemplateListDto {
  @ApiProperty({ type: [TemplateDto] }) items!: TemplateDto[];
}

export class PublishTemplateDto {
  @ApiProperty({
    example: 'cardiovascular',
    pattern: '^[a-z][a-z0-9_-]{0,63}$',
    description: 'The checklist publishes version max+1 of this key',
  })
  @IsString()
  @Matches(/^[a-z][a-z0-9_-]{0,63}$/, {
    message: 'key must be 1 to 64 lower-case letters, digits, hyphens or underscores, starting with a letter',
  })
  key!: string;

  @ApiProperty({ enum: SCREENING_KINDS, enumName: 'ScreeningKind' })
  @IsIn(SCREENING_KINDS)
  kind!: ScreeningKind;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title!: string;

  @ApiProperty({
    ...FREE_FORM,
    description: '{ items: [...] }: typed items (yesno, number, choice, date, text, instrument) with unique ids',
  })
  @IsObject()
  definition!: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Screenings: requests

class VersionedDto {
  @ApiProperty({
    type: Number,
    minimum: 1,
    description: 'The version read; a stale one answers 409 and writes nothing',
  })
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version!: number;
}

export class CreateScreeningDto {
  @ApiProperty({ format: 'uuid', description: 'The latest published version of a checklist' })
  @IsUUID()
  templateId!: string;

  @ApiPropertyOptional({
    ...FREE_FORM,
    description: 'Answers so far, keyed by item id; checked against the template, incomplete is fine',
  })
  @IsOptional()
  @IsObject()
  answers?: Record<string, unknown>;
}

export class SaveDraftDto extends VersionedDto {
  @ApiProperty({
    ...FREE_FORM,
    description:
      "The draft's answers, keyed by item id. They REPLACE the saved answers (send every answer kept); incomplete is fine, wrong is not.",
  })
  @IsObject()
  answers!: Record<string, unknown>;
}

export class TransitionDto extends VersionedDto {}

export class OverrideDto extends VersionedDto {
  @ApiProperty({
    minLength: OVERRIDE_REASON_MIN_LENGTH,
    maxLength: 2000,
    description: "The clinician's reason for accepting the relative contraindications",
  })
  @IsString()
  @MinLength(OVERRIDE_REASON_MIN_LENGTH)
  @MaxLength(2000)
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason!: string;

  @ApiPropertyOptional({
    enum: RECHECKABLE,
    enumName: 'RecheckCheck',
    isArray: true,
    description: 'Day-of checks to measure again before each infusion this screening covers; shown at check-in',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(RECHECKABLE, { each: true })
  rechecks?: RecheckCheck[];
}

export class DeclineDto extends VersionedDto {
  @ApiProperty({ minLength: 1, maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason!: string;
}

// ---------------------------------------------------------------------------------------------
// Screenings: responses

export class ScreeningReasonDto {
  @ApiProperty() ruleId!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: ['ABSOLUTE', 'RELATIVE'] }) severity!: 'ABSOLUTE' | 'RELATIVE';
  @ApiProperty() source!: string;
  @ApiProperty({ description: 'The answers that made the rule fire' }) evidence!: string;
}

export class StaffRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Their name as the clinic shows it' }) name!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true }) roles!: Role[];
}

export class ScreeningDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ format: 'uuid' }) templateId!: string;
  @ApiProperty({ enum: SCREENING_KINDS, enumName: 'ScreeningKind' }) kind!: ScreeningKind;
  @ApiProperty({ type: Number }) templateVersion!: number;
  @ApiProperty({ enum: SCREENING_STATES, enumName: 'ScreeningState' }) status!: ScreeningState;
  @ApiProperty({ ...FREE_FORM, description: 'Answers keyed by item id; an instrument is a map of its own items' })
  answers!: Record<string, unknown>;
  @ApiPropertyOptional({
    ...FREE_FORM,
    nullable: true,
    description: 'Instrument results keyed by item id, fixed at submission',
  })
  scores!: Record<string, unknown> | null;
  @ApiPropertyOptional({ enum: SCREENING_RESULTS, enumName: 'ScreeningResult', nullable: true })
  result!: (typeof SCREENING_RESULTS)[number] | null;
  @ApiPropertyOptional({
    type: [ScreeningReasonDto],
    nullable: true,
    description: 'Every rule that fired, absolute first',
  })
  reasons!: ScreeningReasonDto[] | null;
  @ApiProperty({ type: Boolean, description: 'Any positive suicidality answer (C-SSRS, PHQ-9 item 9)' })
  suicidalityFlag!: boolean;
  @ApiProperty({ type: Boolean, description: 'Serial infusions need a clinician override' })
  noSerialInfusions!: boolean;
  @ApiProperty({ type: [String], description: 'Item ids whose answers hold only on the day recorded' })
  dayOnlyItems!: string[];
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The signed screening this addendum corrects',
  })
  amendsId!: string | null;
  @ApiProperty({ format: 'uuid' }) createdById!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) submittedAt!: string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The clinician who signed or declined',
  })
  signedById!: string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When it was signed or declined',
  })
  signedAt!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Clinic-local date of signing' })
  signedOn!: string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Last day (inclusive) it may be relied on',
  })
  validUntil!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) overrideReason!: string | null;
  @ApiProperty({
    enum: RECHECKABLE,
    enumName: 'RecheckCheck',
    isArray: true,
    description: 'What the overriding clinician asked to be measured again before each infusion',
  })
  rechecks!: RecheckCheck[];
  @ApiPropertyOptional({ type: String, nullable: true }) declineReason!: string | null;
  @ApiProperty({ type: StaffRefDto, description: 'Who started and recorded it' }) recordedBy!: StaffRefDto;
  @ApiProperty({ type: StaffRefDto, nullable: true, description: 'Who submitted it for review' })
  submittedBy!: StaffRefDto | null;
  @ApiProperty({ type: StaffRefDto, nullable: true, description: 'The clinician who signed or declined it' })
  decidedBy!: StaffRefDto | null;
  @ApiProperty({ type: Number }) version!: number;
}

export class ScreeningListDto {
  @ApiProperty({ type: [ScreeningDto] }) items!: ScreeningDto[];
}

export class QueuePatientDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() mrn!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
}

export class QueueItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ enum: SCREENING_KINDS, enumName: 'ScreeningKind' }) kind!: ScreeningKind;
  @ApiProperty({ type: Number }) templateVersion!: number;
  @ApiProperty({ enum: SCREENING_STATES, enumName: 'ScreeningState' }) status!: ScreeningState;
  @ApiPropertyOptional({ enum: SCREENING_RESULTS, enumName: 'ScreeningResult', nullable: true })
  result!: (typeof SCREENING_RESULTS)[number] | null;
  @ApiProperty({ type: [ScreeningReasonDto] }) reasons!: ScreeningReasonDto[];
  @ApiProperty({ type: Boolean }) suicidalityFlag!: boolean;
  @ApiProperty({ type: Boolean }) noSerialInfusions!: boolean;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) amendsId!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) submittedAt!: string | null;
  @ApiProperty({ type: Number }) version!: number;
  @ApiProperty({ type: QueuePatientDto }) patient!: QueuePatientDto;
}

export class QueueDto {
  @ApiProperty({ type: [QueueItemDto] }) items!: QueueItemDto[];
}

/** How much waits in the review queue, without naming anyone: for the menu's badge. */
export class QueueCountDto {
  @ApiProperty({ type: Number, description: 'Submitted screenings awaiting a clinician' }) waiting!: number;
  @ApiProperty({ type: Number, description: 'Of those, how many carry a suicidality flag' }) flagged!: number;
}
