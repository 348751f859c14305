import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsString,
  Matches,
  ValidateIf,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ROLES, type Role } from '@cadence/domain';

export class CreateUserDto {
  @ApiProperty({ maxLength: 254 })
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email!: string;

  @ApiProperty({ maxLength: 100 })
  @IsString()
  @MaxLength(100)
  @Matches(/\S/, { message: 'displayName must not be blank' })
  displayName!: string;

  @ApiProperty({ minLength: 12, maxLength: 256, description: 'At least 12 characters' })
  @IsString()
  @MinLength(12)
  @MaxLength(256)
  password!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles!: Role[];
}

const IfSent = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** A change to a staff account: its name, its roles, or both. */
export class UpdateUserDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IfSent()
  @IsString()
  @MaxLength(100)
  @Matches(/\S/, { message: 'displayName must not be blank' })
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role', isArray: true, description: 'Replaces the roles' })
  @IfSent()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: 12, maxLength: 256, description: 'The new password, at least 12 characters' })
  @IsString()
  @MinLength(12)
  @MaxLength(256)
  password!: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true }) roles!: Role[];
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class UserListDto {
  @ApiProperty({ type: [UserDto] }) items!: UserDto[];
}

/** A clinician a nurse can name as a session's supervisor. */
export class ClinicianDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
}

export class ClinicianListDto {
  @ApiProperty({ type: [ClinicianDto] }) items!: ClinicianDto[];
}
