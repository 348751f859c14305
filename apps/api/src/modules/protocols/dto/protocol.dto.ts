import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsObject, IsString, Matches, MaxLength } from 'class-validator';
import {
  PROTOCOL_KEY_PATTERN,
  PROTOCOL_ROUTES,
  PROTOCOL_SETTINGS,
  type ProtocolRoute,
  type ProtocolSetting,
} from '@cadence/domain';

export class ProtocolDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'IV_FIVE_DAY_LOW_DOSE' }) key!: string;
  @ApiProperty({ type: Number, minimum: 1 }) version!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: PROTOCOL_ROUTES, enumName: 'ProtocolRoute' }) route!: ProtocolRoute;
  @ApiProperty({ enum: PROTOCOL_SETTINGS, enumName: 'ProtocolSetting' }) setting!: ProtocolSetting;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'The whole protocol record as libs/domain defines it: pattern, minutesPerSession, dose ranges and caps, ' +
      'vitalsIntervalMinutes, followUpOffsetsDays, boosterPolicy (and key, version, name, route, setting).',
  })
  definition!: Record<string, unknown>;
  @ApiProperty({ type: Boolean }) active!: boolean;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
}

export class ProtocolListDto {
  @ApiProperty({ type: [ProtocolDto] }) items!: ProtocolDto[];
}

export class PublishProtocolDto {
  @ApiProperty({ example: 'IV_FIVE_DAY_LOW_DOSE', pattern: PROTOCOL_KEY_PATTERN.source, maxLength: 64 })
  @IsString()
  @MaxLength(64)
  @Matches(PROTOCOL_KEY_PATTERN, {
    message: 'key must be 2–64 capital letters, digits or underscores, starting with a letter',
  })
  key!: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({ enum: PROTOCOL_ROUTES, enumName: 'ProtocolRoute' })
  @IsIn(PROTOCOL_ROUTES)
  route!: ProtocolRoute;

  @ApiProperty({ enum: PROTOCOL_SETTINGS, enumName: 'ProtocolSetting' })
  @IsIn(PROTOCOL_SETTINGS)
  setting!: ProtocolSetting;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'The protocol record (pattern, minutesPerSession, doseRangeMgPerKgPerHour, doseRangeMgPerKgPerDose, caps, ' +
      "vitalsIntervalMinutes, followUpOffsetsDays, boosterPolicy, and optional infusionOverrides: the protocol's own vitals " +
      "alert limits, fasting and discharge settings over the clinic's). key, name, route and setting may be repeated here " +
      'but must then match; version is assigned on publishing.',
  })
  @IsObject()
  definition!: Record<string, unknown>;
}
