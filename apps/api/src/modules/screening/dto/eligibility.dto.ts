import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { SCREENING_KINDS, type ScreeningKind } from '@cadence/domain';
import { IsCalendarDay } from '../../../common/validation/instant';

export const COMBINED_STATUSES = ['ELIGIBLE', 'NEEDS_REVIEW', 'CONTRAINDICATED', 'NOT_ELIGIBLE'] as const;
export type CombinedStatusValue = (typeof COMBINED_STATUSES)[number];
export const REASON_TYPES = ['rule', 'missing', 'expired', 'pending', 'declined'] as const;

export class EligibilityQueryDto {
  @ApiPropertyOptional({
    format: 'date',
    description: "The treatment day; today in the clinic's time zone when absent",
  })
  @IsOptional()
  @IsCalendarDay()
  on?: string;
}

export class OverriddenByDto {
  @ApiProperty({ format: 'uuid', description: 'The clinician who overrode' }) by!: string;
  @ApiProperty({ description: "The clinician's written reason" }) reason!: string;
}

export class EligibilityReasonDto {
  @ApiProperty({
    enum: REASON_TYPES,
    description:
      'A fired rule of a signed screening; a missing kind; an expired screening; a rule fired by a newer screening still awaiting a clinician (pending); or a newer screening a clinician declined',
  })
  type!: (typeof REASON_TYPES)[number];

  @ApiProperty({ enum: SCREENING_KINDS, enumName: 'ScreeningKind' }) kind!: ScreeningKind;
  @ApiProperty({ description: 'Plain-language reason' }) reason!: string;
  @ApiPropertyOptional({ format: 'uuid' }) screeningId?: string;
  @ApiPropertyOptional({ description: 'Rule id (types rule, pending)' }) ruleId?: string;
  @ApiPropertyOptional({ enum: ['ABSOLUTE', 'RELATIVE'] }) severity?: 'ABSOLUTE' | 'RELATIVE';
  @ApiPropertyOptional({ description: 'Where the rule comes from' }) source?: string;
  @ApiPropertyOptional({ description: 'The answers that made the rule fire; shown to nurses and clinicians only' })
  evidence?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Last valid day of an expired screening (type expired)' })
  validUntil?: string;
  @ApiPropertyOptional({
    format: 'date',
    description: 'Clinic-local day the newer screening was submitted (types pending, declined)',
  })
  submittedOn?: string;
  @ApiPropertyOptional({
    enum: ['CONTRAINDICATED', 'NEEDS_REVIEW'],
    description: 'What the screening awaiting a clinician found (type pending)',
  })
  result?: 'CONTRAINDICATED' | 'NEEDS_REVIEW';
  @ApiPropertyOptional({ type: Boolean, description: 'A clinician accepted this relative contraindication' })
  overridden?: boolean;
  @ApiPropertyOptional({ type: OverriddenByDto, description: 'Who overrode and why; nurses and clinicians only' })
  overriddenBy?: OverriddenByDto;
}

export class EligibilityDto {
  @ApiProperty({ format: 'date' }) on!: string;
  @ApiProperty({ enum: COMBINED_STATUSES, enumName: 'EligibilityDecision' }) status!: CombinedStatusValue;
  @ApiProperty({ type: [EligibilityReasonDto] }) reasons!: EligibilityReasonDto[];
  @ApiProperty({ type: [String], description: 'The signed screenings the decision rests on' }) screeningIds!: string[];
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Last day (inclusive) the decision holds',
  })
  expiresAt!: string | null;
  @ApiProperty({ type: Boolean }) suicidalityFlag!: boolean;
  @ApiProperty({ type: Boolean, description: 'Serial infusions need a clinician override (active substance misuse)' })
  noSerialInfusionsWithoutOverride!: boolean;
  @ApiProperty({ type: [String], description: 'Answers to re-confirm on the treatment day (e.g. pregnancy status)' })
  requiresOnTheDay!: string[];
}
