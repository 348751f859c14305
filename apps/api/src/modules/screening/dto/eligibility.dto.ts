import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, registerDecorator, ValidationOptions } from 'class-validator';
import { isCalendarDate, SCREENING_KINDS, type ScreeningKind } from '@cadence/domain';

export const COMBINED_STATUSES = ['ELIGIBLE', 'NEEDS_REVIEW', 'CONTRAINDICATED', 'NOT_ELIGIBLE'] as const;
export type CombinedStatusValue = (typeof COMBINED_STATUSES)[number];

/** A real calendar date written YYYY-MM-DD (2023-02-30 is refused). */
export function IsCalendarDate(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
        defaultMessage: (args) => `${args?.property} must be a real calendar date written YYYY-MM-DD`,
      },
    });
}

export class EligibilityQueryDto {
  @ApiPropertyOptional({ format: 'date', description: "The treatment day; today in the clinic's time zone when absent" })
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}

export class OverriddenByDto {
  @ApiProperty({ format: 'uuid', description: 'The clinician who overrode' }) by!: string;
  @ApiProperty({ description: "The clinician's written reason" }) reason!: string;
}

export class EligibilityReasonDto {
  @ApiProperty({ enum: ['rule', 'missing', 'expired'], description: 'A fired rule, a missing kind, or an expired screening' })
  type!: 'rule' | 'missing' | 'expired';

  @ApiProperty({ enum: SCREENING_KINDS, enumName: 'ScreeningKind' }) kind!: ScreeningKind;
  @ApiProperty({ description: 'Plain-language reason' }) reason!: string;
  @ApiPropertyOptional({ format: 'uuid' }) screeningId?: string;
  @ApiPropertyOptional({ description: 'Rule id (type rule)' }) ruleId?: string;
  @ApiPropertyOptional({ enum: ['ABSOLUTE', 'RELATIVE'] }) severity?: 'ABSOLUTE' | 'RELATIVE';
  @ApiPropertyOptional({ description: 'Where the rule comes from' }) source?: string;
  @ApiPropertyOptional({ description: 'The answers that made the rule fire; shown to nurses and clinicians only' })
  evidence?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Last valid day of an expired screening (type expired)' })
  validUntil?: string;
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
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Last day (inclusive) the decision holds' })
  expiresAt!: string | null;
  @ApiProperty({ type: Boolean }) suicidalityFlag!: boolean;
  @ApiProperty({ type: Boolean, description: 'Serial infusions need a clinician override (active substance misuse)' })
  noSerialInfusionsWithoutOverride!: boolean;
  @ApiProperty({ type: [String], description: 'Answers to re-confirm on the treatment day (e.g. pregnancy status)' })
  requiresOnTheDay!: string[];
}
