import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsObject, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

const NOT_BLANK = /\S/;

class VersionedDto {
  @ApiProperty({ type: Number, minimum: 1, description: 'The session version read; a stale one answers 409' })
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version!: number;
}

const score = () => ApiProperty({ type: Number, minimum: 0, maximum: 2 });

/** The modified Aldrete items the nurse scores; the O2 item follows from the latest SpO2 reading. */
export class AldreteInputDto {
  @score() @IsInt() @Min(0) @Max(2) activity!: number;
  @score() @IsInt() @Min(0) @Max(2) respiration!: number;
  @score() @IsInt() @Min(0) @Max(2) circulation!: number;
  @score() @IsInt() @Min(0) @Max(2) consciousness!: number;
}

export class DischargeDto extends VersionedDto {
  @ApiProperty({ type: AldreteInputDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AldreteInputDto)
  aldrete!: AldreteInputDto;

  @ApiProperty({ description: 'The latest SpO2 was taken on room air (the Aldrete O2 item scores 2 only on air)' })
  @IsBoolean()
  onRoomAir!: boolean;

  @ApiProperty({ description: 'The escort home is here' })
  @IsBoolean()
  escortPresent!: boolean;

  @ApiProperty({ type: Number, minimum: 0, maximum: 10, description: 'Pain NRS after the session' })
  @IsInt()
  @Min(0)
  @Max(10)
  painAfter!: number;
}

export class SignDto extends VersionedDto {}

export class AddendumInputDto {
  @ApiProperty({ minLength: 1, maxLength: 4000, description: 'The correction or late note' })
  @IsString()
  @MaxLength(4000)
  @Matches(NOT_BLANK, { message: 'text must not be blank' })
  text!: string;
}
